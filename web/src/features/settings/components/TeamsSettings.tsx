// Teams: who is in each team (accounts belong to teams; non-admins see their teams' accounts).
import { useState } from 'react';
import { Button, Group, Select, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { client, errorMessage, ok } from '@/lib/api-client';
import { useTeams } from '@/features/lookups/api';
import { UserMultiSelect } from '@/features/lookups/pickers';
import { useHolidays, useWorkspace, useWrite } from '../api';
import { DeleteRowButton, SettingsTable } from './SettingsTable';

export function TeamsSettings() {
  const teams = useTeams();
  const [name, setName] = useState('');
  const create = useWrite(
    (n: string) => ok(client.POST('/api/v1/teams', { body: { name: n } })),
    ['teams'],
  );
  const members = useWrite(
    (b: { id: string; userIds: string[] }) =>
      ok(
        client.PUT('/api/v1/teams/{id}/members', {
          params: { path: { id: b.id } },
          body: { userIds: b.userIds },
        }),
      ),
    ['teams', 'users'],
  );
  // SPEC §14: a team's holiday calendar; cleared, its members use the workspace's.
  const holidays = useHolidays();
  const workspace = useWorkspace();
  const calendarOf = (t: object) =>
    (t as { holidayCalendar?: string | null }).holidayCalendar ?? null;
  const calendars = [
    ...new Set([
      ...(workspace.data ? [workspace.data.settings.holidayCalendar] : []),
      ...(holidays.data ?? []).map((h) => h.calendar),
      ...(teams.data ?? []).map(calendarOf).filter((c): c is string => !!c),
    ]),
  ].sort();
  const setCalendar = useWrite(
    (b: { id: string; holidayCalendar: string | null }) =>
      ok(
        client.PATCH('/api/v1/teams/{id}', {
          params: { path: { id: b.id } },
          body: { holidayCalendar: b.holidayCalendar },
        }),
      ),
    ['teams'],
  );
  const del = useWrite(
    (id: string) => ok(client.DELETE('/api/v1/teams/{id}', { params: { path: { id } } })),
    ['teams'],
  );
  const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
  return (
    <>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name.trim(), { onSuccess: () => setName(''), onError: fail });
        }}
      >
        <Group align="flex-end" mb="md">
          <TextInput
            label="New team"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={260}
          />
          <Button type="submit" disabled={!name.trim()}>
            Add
          </Button>
        </Group>
      </form>
      <SettingsTable
        query={teams}
        label="Teams"
        empty="No teams yet"
        columns={['Team', 'Members', 'Holiday calendar', 'Actions']}
        row={(t) => (
          <>
            <Table.Td>{t.name}</Table.Td>
            <Table.Td>
              <UserMultiSelect
                aria-label={`Members of ${t.name}`}
                value={t.memberIds ?? []}
                onChange={(userIds) => members.mutate({ id: t.id, userIds }, { onError: fail })}
              />
            </Table.Td>
            <Table.Td>
              <Select
                aria-label={`Holiday calendar of ${t.name}`}
                clearable
                placeholder={`Workspace’s (${workspace.data?.settings.holidayCalendar ?? 'default'})`}
                w={220}
                data={calendars}
                value={calendarOf(t)}
                onChange={(v) =>
                  setCalendar.mutate({ id: t.id, holidayCalendar: v }, { onError: fail })
                }
              />
            </Table.Td>
            <Table.Td>
              <DeleteRowButton
                what="team"
                name={t.name}
                consequence="Its members leave it and its accounts lose it; a team that is some account's only team cannot be deleted."
                onConfirm={() => del.mutate(t.id, { onError: fail })}
              />
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
