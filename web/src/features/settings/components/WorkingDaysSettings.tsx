// Working days & holidays (SPEC §14): the workspace's working week, its calendar, and each calendar's
// dates — added one by one with a date picker or pasted as "2026-12-25 Christmas Day" lines.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Chip,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DateField } from '@/components/DateField';
import { ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { weekdayLabels, type IsoWeekday } from '@/lib/labels';
import { useTeams } from '@/features/lookups/api';
import {
  holidayWrites,
  useHolidays,
  useUpdateWorkspace,
  useWorkspace,
  useWrite,
  type Holiday,
} from '../api';
import { parseHolidayLines } from './parse-holiday-lines';

const weekdays = Object.keys(weekdayLabels).map(Number) as IsoWeekday[];
const fail = (e: unknown) => notifications.show({ color: 'red', message: errorMessage(e) });
const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

function WorkingWeek() {
  const ws = useWorkspace();
  const update = useUpdateWorkspace();
  const [days, setDays] = useState<string[] | null>(null);
  if (ws.isPending) return <Loading />;
  if (ws.isError) return <ErrorState error={ws.error} />;
  const current = days ?? ws.data.settings.workingDays.map(String);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Working week
      </Title>
      <Text size="sm" c="dimmed">
        Due dates “in N working days” and journey waits in working days skip the other days.
      </Text>
      <Chip.Group multiple value={current} onChange={setDays}>
        <Group gap="xs" role="group" aria-label="Working days">
          {weekdays.map((d) => (
            <Chip key={d} value={String(d)}>
              {weekdayLabels[d]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group>
        <Button
          disabled={days === null}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { settings: { workingDays: current.map(Number) } },
              {
                onSuccess: () => {
                  setDays(null);
                  notifications.show({ message: 'Working week saved.' });
                },
                onError: fail,
              },
            )
          }
        >
          Save working week
        </Button>
      </Group>
    </Stack>
  );
}

function CalendarDates({ calendar, dates }: { calendar: string; dates: Holiday[] }) {
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState('');
  const add = useWrite(holidayWrites.add, ['holidays']);
  const remove = useWrite(holidayWrites.remove, ['holidays']);
  const replace = useWrite(
    (d: Array<{ date: string; name: string }>) => holidayWrites.replace(calendar, d),
    ['holidays'],
  );
  const parsed = parseHolidayLines(pasted);
  return (
    <Stack gap="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!date) return;
          add.mutate(
            { calendar, date, name: name.trim() },
            {
              onSuccess: () => {
                setDate(null);
                setName('');
              },
              onError: fail,
            },
          );
        }}
      >
        <Group align="flex-end">
          <DateField label="Date" value={date} onChange={setDate} w={180} />
          <TextInput
            label="Holiday name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={240}
          />
          <Button type="submit" disabled={!date || !name.trim()} loading={add.isPending}>
            Add holiday
          </Button>
        </Group>
      </form>
      {dates.length === 0 ? (
        <Text size="sm" c="dimmed">
          No holidays in this calendar yet.
        </Text>
      ) : (
        <Table aria-label={`Holidays in ${calendar}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dates.map((h) => (
              <Table.Tr key={h.date}>
                <Table.Td>{longDate(h.date)}</Table.Td>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${h.name} (${h.date})`}
                    onClick={() => remove.mutate({ calendar, date: h.date }, { onError: fail })}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Textarea
        label="Import dates"
        description="One per line: a date (YYYY-MM-DD), then its name — e.g. 2026-12-25 Christmas Day. Added to this calendar; a date already in it takes the new name."
        autosize
        minRows={3}
        value={pasted}
        onChange={(e) => setPasted(e.currentTarget.value)}
        error={parsed.problems.length ? parsed.problems.join(' ') : undefined}
      />
      <Group>
        <Button
          variant="light"
          disabled={!parsed.dates.length || parsed.problems.length > 0}
          loading={replace.isPending}
          onClick={() => {
            const merged = new Map(dates.map((h) => [h.date, h.name]));
            for (const d of parsed.dates) merged.set(d.date, d.name);
            replace.mutate(
              [...merged].map(([d, n]) => ({ date: d, name: n })),
              {
                onSuccess: () => {
                  setPasted('');
                  notifications.show({
                    message: `${parsed.dates.length === 1 ? '1 date' : `${parsed.dates.length} dates`} imported.`,
                  });
                },
                onError: fail,
              },
            );
          }}
        >
          {parsed.dates.length === 1
            ? 'Import 1 date'
            : `Import ${parsed.dates.length || ''} dates`}
        </Button>
      </Group>
    </Stack>
  );
}

function Calendars() {
  const ws = useWorkspace();
  const holidays = useHolidays();
  const teams = useTeams();
  const update = useUpdateWorkspace();
  const [chosen, setChosen] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [extra, setExtra] = useState<string[]>([]);
  if (ws.isPending || holidays.isPending) return <Loading />;
  if (ws.isError) return <ErrorState error={ws.error} />;
  if (holidays.isError) return <ErrorState error={holidays.error} />;
  const workspaceCalendar = ws.data.settings.holidayCalendar;
  const teamCalendars = (teams.data ?? [])
    .map((t) => (t as { holidayCalendar?: string | null }).holidayCalendar)
    .filter((c): c is string => !!c);
  const names = [
    ...new Set([
      workspaceCalendar,
      ...holidays.data.map((h) => h.calendar),
      ...teamCalendars,
      ...extra,
    ]),
  ].sort();
  const calendar = chosen && names.includes(chosen) ? chosen : workspaceCalendar;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Holiday calendars
      </Title>
      <Text size="sm" c="dimmed">
        People use their team’s calendar (Settings → Teams), else the workspace calendar.
      </Text>
      <Group align="flex-end">
        <Select
          label="Calendar"
          w={240}
          allowDeselect={false}
          data={names}
          value={calendar}
          onChange={(v) => setChosen(v)}
        />
        {calendar === workspaceCalendar ? (
          <Badge variant="light" size="lg" mb={6}>
            Workspace calendar
          </Badge>
        ) : (
          <Button
            variant="default"
            loading={update.isPending}
            onClick={() =>
              update.mutate({ settings: { holidayCalendar: calendar } }, { onError: fail })
            }
          >
            Make it the workspace calendar
          </Button>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const n = newName.trim();
            if (!n) return;
            setExtra((x) => [...x, n]);
            setChosen(n);
            setNewName('');
          }}
        >
          <Group align="flex-end">
            <TextInput
              label="New calendar"
              placeholder="e.g. uk"
              value={newName}
              onChange={(e) => setNewName(e.currentTarget.value)}
              w={200}
            />
            <Button type="submit" variant="default" disabled={!newName.trim()}>
              Add calendar
            </Button>
          </Group>
        </form>
      </Group>
      <CalendarDates
        key={calendar}
        calendar={calendar}
        dates={holidays.data.filter((h) => h.calendar === calendar)}
      />
    </Stack>
  );
}

export function WorkingDaysSettings() {
  return (
    <Stack gap="xl" maw={900}>
      <WorkingWeek />
      <Calendars />
      <Alert variant="light" title="Where working days count">
        Play task and request-information actions, template follow-ups and reminders, and journey
        waits can be set in working days; they skip non-working days in the assignee’s time zone.
      </Alert>
    </Stack>
  );
}
