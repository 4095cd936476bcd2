// "Daily digest": one e-mail a day at a chosen local hour with what is due, overdue and new from plays.
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, errorMessage, ok } from '@/lib/api-client';

const key = ['digest'];
const hours = [
  { value: 'off', label: 'Off' },
  ...Array.from({ length: 24 }, (_, h) => ({
    value: String(h),
    label: `${String(h).padStart(2, '0')}:00`,
  })),
];

export function DigestDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const digest = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => ok(client.GET('/api/v1/me/digest', { signal })),
  });
  const save = useMutation({
    mutationFn: (hour: number | null) => ok(client.PUT('/api/v1/me/digest', { body: { hour } })),
    onSuccess: (r) => {
      qc.setQueryData(key, r);
      notifications.show({
        message:
          r.hour === null
            ? 'Daily digest turned off'
            : `Daily digest at ${String(r.hour).padStart(2, '0')}:00`,
      });
      onClose();
    },
  });
  const current = digest.data
    ? digest.data.hour === null
      ? 'off'
      : String(digest.data.hour)
    : null;
  return (
    <Modal opened onClose={onClose} title="Daily digest">
      <Stack>
        <Text size="sm">
          One e-mail a day with your tasks due today, overdue, and new from plays since yesterday —
          at this hour in your time zone.
        </Text>
        {(digest.error ?? save.error) && (
          <Alert color="red" role="alert">
            {errorMessage(digest.error ?? save.error)}
          </Alert>
        )}
        {current !== null && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const v = new FormData(e.currentTarget).get('hour');
              save.mutate(v === 'off' || v === null ? null : Number(v));
            }}
          >
            <Stack>
              <Select
                name="hour"
                label="Send at"
                data={hours}
                defaultValue={current}
                allowDeselect={false}
                comboboxProps={{ withinPortal: false }}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}
