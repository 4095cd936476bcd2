// Settings → Touchpoint types: the workspace's own kinds of interaction (e.g. "QBR") next to the built-in
// four. Add with a label (the key is derived from it), rename (touchpoints logged keep following the
// type), archive (no longer offered; logged touchpoints keep their label) and restore.
import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import {
  useAddTouchpointType,
  useTouchpointTypes,
  useUpdateTouchpointType,
  type TouchpointTypeItem,
} from '@/features/touchpoints';

function AddTypeForm() {
  const add = useAddTouchpointType();
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add a touchpoint type"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        add.mutate(label.trim(), {
          onSuccess: (t) => {
            setLabel('');
            notifications.show({ color: 'teal', message: `Touchpoint type “${t.label}” added` });
          },
          onError: (x) => setError(errorMessage(x)),
        });
      }}
    >
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          label="New touchpoint type"
          description="e.g. QBR, Onsite visit, Executive briefing"
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={error}
          w={320}
          maw="100%"
        />
        <Button type="submit" disabled={!label.trim()} loading={add.isPending}>
          Add type
        </Button>
      </Group>
    </form>
  );
}

function RenameDialog({ type, onClose }: { type: TouchpointTypeItem; onClose: () => void }) {
  const update = useUpdateTouchpointType();
  const [label, setLabel] = useState(type.label);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={`Rename “${type.label}”`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { id: type.id!, label: label.trim() },
            { onSuccess: onClose, onError: (x) => setError(errorMessage(x)) },
          );
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            data-autofocus
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            error={error}
          />
          <Text size="xs" c="dimmed">
            Touchpoints already logged as this type show the new name in lists.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!label.trim()} loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Status({ type }: { type: TouchpointTypeItem }) {
  if (type.builtIn) return <Badge variant="outline">Built in</Badge>;
  return type.archived ? <Badge color="gray">Archived</Badge> : <Badge color="teal">Offered</Badge>;
}

/** Rename and archive / restore; the built-in four have neither. */
function Actions({ type, onRename }: { type: TouchpointTypeItem; onRename: () => void }) {
  const update = useUpdateTouchpointType();
  if (type.builtIn) return null;
  const setArchived = (archived: boolean) =>
    update.mutate(
      { id: type.id!, archived },
      { onError: (x) => notifications.show({ color: 'red', message: errorMessage(x) }) },
    );
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" variant="subtle" aria-label={`Rename ${type.label}`} onClick={onRename}>
        Rename
      </Button>
      <Button
        size="xs"
        variant="subtle"
        aria-label={`${type.archived ? 'Restore' : 'Archive'} ${type.label}`}
        loading={update.isPending}
        onClick={() => setArchived(!type.archived)}
      >
        {type.archived ? 'Restore' : 'Archive'}
      </Button>
    </Group>
  );
}

export function TouchpointTypesSettings() {
  const types = useTouchpointTypes(true);
  const [renaming, setRenaming] = useState<TouchpointTypeItem | null>(null);
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm" maw={640}>
        What people can choose when they log a touchpoint. The four built-in types are always
        offered; archived types are no longer offered, and touchpoints already logged keep them.
      </Text>
      <AddTypeForm />
      {types.isPending ? (
        <Loading />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => types.refetch()} />
      ) : (
        // Built-in rows have no buttons, so the box itself takes focus to be scrolled by keyboard on a phone.
        <Table.ScrollContainer
          type="native"
          minWidth={520}
          maw={760}
          tabIndex={0}
          role="region"
          aria-label="Touchpoint types table"
        >
          <Table
            aria-label="Touchpoint types"
            data={{
              head: ['Name', 'Key', 'Status', 'Actions'],
              body: types.data.map((t) => [
                t.label,
                <Text key="key" size="sm" ff="monospace">
                  {t.key}
                </Text>,
                <Status key="status" type={t} />,
                <Actions key="actions" type={t} onRename={() => setRenaming(t)} />,
              ]),
            }}
          />
        </Table.ScrollContainer>
      )}
      {renaming && <RenameDialog type={renaming} onClose={() => setRenaming(null)} />}
    </>
  );
}
