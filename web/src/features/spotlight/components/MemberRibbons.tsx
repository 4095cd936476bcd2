// One ribbon per team member: their counts (each a drill-down) and on-time rate.
import { Anchor, Progress, Table, Text } from '@mantine/core';
import { EmptyState } from '@/components/feedback';
import { ON_TIME_HELP } from '@/lib/on-time';
import type { WorkFocus } from '../types';
import { useDrill } from '../use-drill';
import { CountLink, pct } from './CountLink';

export function MemberRibbons({ members }: { members: WorkFocus['members'] }) {
  const { setDrill } = useDrill();
  if (members.length === 0)
    return <EmptyState title="No members">This team has no members yet.</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" aria-label="Team members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Member</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            <Table.Th ta="right">Completed</Table.Th>
            <Table.Th ta="right">On time</Table.Th>
            <Table.Th w={160} title={`On-time rate: ${ON_TIME_HELP}`}>
              On-time rate
            </Table.Th>
            <Table.Th ta="right">Overdue now</Table.Th>
            <Table.Th ta="right">Open now</Table.Th>
            <Table.Th>Accounts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => {
            const s = { userId: m.user.id };
            const ctx = m.user.name;
            return (
              <Table.Tr key={m.user.id} data-testid="member-ribbon">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {m.user.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <CountLink value={m.created} metric="created" slice={s} context={ctx} />
                </Table.Td>
                <Table.Td ta="right">
                  <CountLink value={m.completed} metric="completed" slice={s} context={ctx} />
                </Table.Td>
                <Table.Td ta="right">
                  <CountLink
                    value={m.completedOnTime}
                    metric="completed_on_time"
                    slice={s}
                    context={ctx}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{pct(m.onTimeRate)}</Text>
                  <Progress
                    value={(m.onTimeRate ?? 0) * 100}
                    color={m.onTimeRate !== null && m.onTimeRate < 0.5 ? 'orange.8' : 'teal.8'}
                    size="sm"
                    aria-label={`On-time rate of ${m.user.name}`}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  <CountLink value={m.overdueNow} metric="overdue" slice={s} context={ctx} danger />
                </Table.Td>
                <Table.Td ta="right">
                  <CountLink value={m.openNow} metric="open" slice={s} context={ctx} />
                </Table.Td>
                <Table.Td>
                  {m.overdueNow > 0 && (
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() => setDrill({ kind: 'accounts', slice: s })}
                      aria-label={`Accounts with overdue tasks of ${m.user.name}`}
                    >
                      with overdue tasks
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
