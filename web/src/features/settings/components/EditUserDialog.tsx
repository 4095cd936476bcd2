// Settings → Users → Edit: what only an admin sets on someone — manager, working hours, capacity and the
// profile attributes team pools match on (SPEC §1, §6).
import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ErrorState, FormErrors, Loading } from '@/components/feedback';
import { UserSelect } from '@/features/lookups/pickers';
import type { UserSummary } from '@/features/lookups/api';
import { useProfile, useUpdateProfile } from '@/features/profile/api';
import {
  hoursBody,
  hoursErrorAliases,
  hoursValues,
  WorkingHoursFields,
  type HoursValues,
} from '@/features/profile/working-hours';
import {
  NotificationFields,
  notificationBody,
  notificationFields,
  notificationValues,
  type NotificationValues,
} from '@/features/profile/notification-fields';
import { fieldErrors } from '@/lib/form-errors';

type AttributeValue = string | number | boolean | string[];
type Row = { key: string; value: string; type: 'text' | 'number' | 'boolean' | 'list' };

const toRows = (attrs: Record<string, unknown>): Row[] =>
  Object.entries(attrs).map(([key, v]) => ({
    key,
    value: Array.isArray(v) ? v.join(', ') : String(v),
    type: Array.isArray(v)
      ? 'list'
      : typeof v === 'number'
        ? 'number'
        : typeof v === 'boolean'
          ? 'boolean'
          : 'text',
  }));

/** Rows back to attributes: a value with commas is a list (pools match any of them), numbers and yes/no keep their type. */
function fromRows(rows: Row[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (!key) continue;
    const text = r.value.trim();
    if (r.type === 'list' || text.includes(','))
      out[key] = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (r.type === 'number' && text !== '' && !Number.isNaN(Number(text)))
      out[key] = Number(text);
    else if (r.type === 'boolean' && (text === 'true' || text === 'false'))
      out[key] = text === 'true';
    else out[key] = text;
  }
  return out;
}

type Values = {
  managerId: string | null;
  notify: NotificationValues;
  hours: HoursValues;
  rows: Row[];
};

function EditForm({
  user,
  initial,
  onClose,
}: {
  user: UserSummary;
  initial: Values;
  onClose: () => void;
}) {
  const update = useUpdateProfile(user.id);
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const setRow = (i: number, patch: Partial<Row>) =>
    setV({ ...v, rows: v.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setErrors({});
    setRest([]);
    try {
      await update.mutateAsync({
        managerId: v.managerId,
        ...notificationBody(v.notify),
        ...hoursBody(v.hours),
        attributes: fromRows(v.rows),
      });
      notifications.show({ color: 'teal', message: `${user.name} saved` });
      onClose();
    } catch (err) {
      const r = fieldErrors(
        err,
        ['managerId', ...notificationFields, 'weeklyCapacityHours', 'attributes'],
        hoursErrorAliases,
      );
      setErrors(r.byField);
      setRest(r.rest);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Edit ${user.name}`}>
      <Stack gap="md">
        <FormErrors messages={rest} title={`${user.name} was not saved`} />
        <UserSelect
          label="Manager"
          clearable
          value={v.managerId}
          onChange={(managerId) => setV({ ...v, managerId })}
          error={errors.managerId}
        />
        <NotificationFields
          self={false}
          value={v.notify}
          onChange={(notify) => setV({ ...v, notify })}
          errors={errors}
        />
        <WorkingHoursFields
          value={v.hours}
          onChange={(hours) => setV({ ...v, hours })}
          errors={{
            days: errors.days,
            start: errors.start,
            end: errors.end,
            weeklyCapacityHours: errors.weeklyCapacityHours,
          }}
        />
        <Stack gap={6}>
          <Title order={3} size="h5">
            Pool attributes
          </Title>
          <Text size="xs" c="dimmed">
            What team pools match on, e.g. region = emea or languages = de, fr (commas make a list).
            Names are lower_snake_case.
          </Text>
          {v.rows.map((r, i) => (
            <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`Attribute ${i + 1} name`}
                placeholder="region"
                value={r.key}
                onChange={(e) => setRow(i, { key: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <TextInput
                aria-label={`Attribute ${i + 1} value`}
                placeholder="emea"
                value={r.value}
                onChange={(e) => setRow(i, { value: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove attribute ${r.key || i + 1}`}
                onClick={() => setV({ ...v, rows: v.rows.filter((_, j) => j !== i) })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errors.attributes && (
            <Text size="xs" c="red" role="alert">
              {errors.attributes}
            </Text>
          )}
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                setV({ ...v, rows: [...v.rows, { key: '', value: '', type: 'text' }] })
              }
            >
              Add attribute
            </Button>
          </Group>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditUserDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const profile = useProfile(user.id);
  return (
    <Modal opened onClose={onClose} title={`Edit ${user.name}`} size="lg">
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <ErrorState error={profile.error} />
      ) : (
        <EditForm
          user={user}
          onClose={onClose}
          initial={{
            managerId: profile.data.managerId,
            notify: notificationValues(profile.data),
            hours: hoursValues(profile.data.workingHours, profile.data.weeklyCapacityHours),
            rows: toRows(profile.data.attributes),
          }}
        />
      )}
    </Modal>
  );
}
