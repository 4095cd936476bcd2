// Who gets a play task: a named user, an account role (resolved on the target account), or a team pool.
import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { RoleSelect, TeamSelect, UserMultiSelect, UserSelect } from '@/features/lookups/pickers';
import type { AssignedByRule, AssigneeRule } from '../types';

export function AssigneeRuleFields({
  label,
  value,
  onChange,
  allowPool = true,
  error,
}: {
  label: string;
  value: AssigneeRule | AssignedByRule | undefined;
  onChange: (v: AssigneeRule) => void;
  allowPool?: boolean;
  error?: string;
}) {
  const type = value?.type ?? 'user';
  // An empty pick comes back from the API as "Invalid UUID": say what is missing instead.
  const shown =
    error && value?.type === 'user' && !value.userId
      ? 'Choose a user.'
      : error && value?.type === 'role' && !value.roleId
        ? 'Choose an account role.'
        : error;
  const kinds = [
    { value: 'user', label: 'Named user' },
    { value: 'role', label: 'Account role' },
    ...(allowPool ? [{ value: 'pool', label: 'Team pool' }] : []),
  ];
  return (
    <Stack gap={4} role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label={`${label}: kind`}
          data={kinds}
          value={type}
          onChange={(t) =>
            onChange(
              t === 'pool'
                ? { type: 'pool', pool: { strategy: 'least_loaded' } }
                : t === 'role'
                  ? { type: 'role', roleId: '' }
                  : { type: 'user', userId: '' },
            )
          }
        />
        {value?.type === 'user' || !value ? (
          <UserSelect
            aria-label={`${label}: user`}
            w={220}
            value={value?.type === 'user' ? value.userId || null : null}
            onChange={(v) => onChange({ type: 'user', userId: v ?? '' })}
            error={shown}
          />
        ) : value.type === 'role' ? (
          <RoleSelect
            aria-label={`${label}: role`}
            w={220}
            value={value.roleId || null}
            onChange={(v) => onChange({ type: 'role', roleId: v ?? '' })}
            error={shown}
          />
        ) : value.type === 'pool' ? (
          <>
            <TeamSelect
              aria-label="Pool team"
              placeholder="Team"
              clearable
              w={170}
              value={value.pool.teamId ?? null}
              onChange={(v) =>
                onChange({ type: 'pool', pool: { ...value.pool, teamId: v ?? undefined } })
              }
            />
            <UserMultiSelect
              aria-label="Pool users"
              placeholder="or users"
              w={240}
              value={value.pool.userIds ?? []}
              onChange={(v) =>
                onChange({
                  type: 'pool',
                  pool: { ...value.pool, userIds: v.length ? v : undefined },
                })
              }
            />
            <Select
              aria-label="Pool strategy"
              w={170}
              allowDeselect={false}
              value={value.pool.strategy}
              onChange={(v) =>
                onChange({ type: 'pool', pool: { ...value.pool, strategy: v as 'least_loaded' } })
              }
              data={[
                { value: 'next_available', label: 'Next available' },
                { value: 'least_loaded', label: 'Least loaded' },
                { value: 'round_robin', label: 'Round robin' },
              ]}
            />
          </>
        ) : null}
      </Group>
      {shown && value?.type === 'pool' && (
        <Text size="xs" c="red.8">
          {shown}
        </Text>
      )}
    </Stack>
  );
}
