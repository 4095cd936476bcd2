// Users: add, change role and teams, edit manager, hours, capacity and pool attributes, disable (handing their open tasks and plays to someone) and enable.
import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { FormErrors } from '@/components/feedback';
import { client, errorMessage, ok, type RequestBody } from '@/lib/api-client';
import { fieldErrors } from '@/lib/form-errors';
import { useTeams, useUsers, type UserSummary } from '@/features/lookups/api';
import type { Role } from '@/features/auth/api';
import { TeamMultiSelect, UserSelect } from '@/features/lookups/pickers';
import { roleLabels } from '@/lib/labels';
import { useWrite } from '../api';
import { EditUserDialog } from './EditUserDialog';
import { SettingsTable } from './SettingsTable';

function AddUser({ onClose }: { onClose: () => void }) {
  const create = useWrite(
    (body: RequestBody<'/api/v1/users', 'post'>) => ok(client.POST('/api/v1/users', { body })),
    ['users', 'teams'],
  );
  const [rest, setRest] = useState<string[]>([]);
  const form = useForm({
    initialValues: {
      name: '',
      email: '',
      role: 'standard' as Role,
      password: '',
      teamIds: [] as string[],
    },
  });
  const submit = form.onSubmit(async (v) => {
    try {
      await create.mutateAsync({ ...v, password: v.password || null });
      notifications.show({ color: 'teal', message: `${v.name} added` });
      onClose();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, [
        'name',
        'email',
        'role',
        'password',
        'teamIds',
      ]);
      form.setErrors(byField);
      setRest(other);
    }
  });
  return (
    <Modal opened onClose={onClose} title="Add a user">
      <form onSubmit={submit} noValidate aria-label="Add a user">
        <Stack gap="sm">
          <FormErrors messages={rest} />
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput label="E-mail" required type="email" {...form.getInputProps('email')} />
          <Select
            label="Role"
            allowDeselect={false}
            data={[
              { value: 'standard', label: 'Standard' },
              { value: 'advanced', label: 'Advanced' },
              { value: 'admin', label: 'Admin' },
            ]}
            {...form.getInputProps('role')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters; leave empty for single sign-on only"
            {...form.getInputProps('password')}
          />
          <TeamMultiSelect label="Teams" {...form.getInputProps('teamIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DisableUser({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const [to, setTo] = useState<string | null>(null);
  const disable = useWrite(
    (id: string) =>
      ok(
        client.POST('/api/v1/users/{id}/disable', {
          params: { path: { id: user.id } },
          body: { transferToUserId: id },
        }),
      ),
    ['users', 'tasks', 'plays'],
  );
  return (
    <Modal opened onClose={onClose} title={`Disable ${user.name}`}>
      <Stack>
        <Text size="sm">
          Their open tasks, account roles and the plays they own go to the person you choose. Their
          sessions end and their API tokens are revoked.
        </Text>
        <UserSelect label="Hand over to" value={to} onChange={setTo} />
        <Group justify="flex-end">
          <Button
            color="red"
            disabled={!to || to === user.id}
            loading={disable.isPending}
            onClick={() =>
              disable.mutate(to!, {
                onSuccess: (r) => {
                  const { report } = r as { report: string[] };
                  notifications.show({
                    title: `${user.name} disabled`,
                    message: report.length
                      ? report.join('. ') + '.'
                      : 'They had nothing to hand over.',
                    autoClose: 10_000,
                  });
                  onClose();
                },
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              })
            }
          >
            Disable
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function UsersSettings() {
  const users = useUsers();
  const teams = useTeams();
  const [adding, setAdding] = useState(false);
  const [disabling, setDisabling] = useState<UserSummary | null>(null);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const patch = useWrite(
    (b: { id: string; body: RequestBody<'/api/v1/users/{id}', 'patch'> }) =>
      ok(client.PATCH('/api/v1/users/{id}', { params: { path: { id: b.id } }, body: b.body })),
    ['users', 'teams'],
  );
  const enable = useWrite(
    (id: string) => ok(client.POST('/api/v1/users/{id}/enable', { params: { path: { id } } })),
    ['users'],
  );
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
  const teamNames = (ids: string[]) =>
    ids
      .map((id) => teams.data?.find((t) => t.id === id)?.name)
      .filter(Boolean)
      .join(', ');
  return (
    <>
      <Group mb="md">
        <Button onClick={() => setAdding(true)}>Add user</Button>
      </Group>
      <SettingsTable
        query={users}
        label="Users"
        empty="No users"
        columns={['Name', 'Role', 'Teams', 'Status', 'Actions']}
        row={(u) => (
          <>
            <Table.Td>
              <Text size="sm" fw={500}>
                {u.name}
              </Text>
              <Text size="xs" c="dimmed">
                {u.email}
              </Text>
            </Table.Td>
            <Table.Td>
              <Select
                aria-label={`Role of ${u.name}`}
                size="xs"
                w={120}
                allowDeselect={false}
                value={u.role}
                data={(['standard', 'advanced', 'admin'] as const).map((r) => ({
                  value: r,
                  label: roleLabels[r],
                }))}
                onChange={(role) =>
                  role &&
                  patch.mutate({ id: u.id, body: { role: role as Role } }, { onError: fail })
                }
              />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{teamNames(u.teamIds) || '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Badge color={u.enabled ? 'teal' : 'gray'}>
                {u.enabled ? 'enabled' : 'disabled'}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="subtle"
                aria-label={`Edit ${u.name}`}
                onClick={() => setEditing(u)}
              >
                Edit…
              </Button>
              {u.enabled ? (
                <Button size="xs" variant="subtle" color="red" onClick={() => setDisabling(u)}>
                  Disable…
                </Button>
              ) : (
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => enable.mutate(u.id, { onError: fail })}
                >
                  Enable
                </Button>
              )}
            </Table.Td>
          </>
        )}
      />
      {adding && <AddUser onClose={() => setAdding(false)} />}
      {disabling && <DisableUser user={disabling} onClose={() => setDisabling(null)} />}
      {editing && <EditUserDialog user={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
