// The tasks behind a clicked count, or the accounts with overdue tasks; tasks open in the task panel.
import { useEffect, useRef } from 'react';
import { Anchor, Button, Card, CloseButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatDay } from '@/lib/dates';
import { TaskTable } from '@/features/tasks';
import { useFocusTasks, useOverdueAccounts } from '../api';
import { metricOf, type FocusScope, type WorkFocus } from '../types';
import { useDrill, type Drill } from '../use-drill';

/** "Overdue now · Jane Doe" — the slice named from the report's own rows. */
function titleOf(drill: Drill, report: WorkFocus | undefined) {
  const { userId, flowId, roleId } = drill.slice;
  const who = userId
    ? (report?.members.find((m) => m.user.id === userId)?.user.name ?? 'one member')
    : flowId
      ? `flow ${report?.byFlow.find((f) => f.flow.id === flowId)?.flow.name ?? ''}`.trim()
      : roleId
        ? roleId === 'none'
          ? 'assigned by name'
          : `role ${report?.byRole.find((r) => r.role?.id === roleId)?.role?.name ?? ''}`.trim()
        : null;
  const what =
    drill.kind === 'accounts'
      ? 'Accounts with overdue tasks'
      : `${metricOf[drill.metric].label} tasks`;
  return who ? `${what} · ${who}` : what;
}

function TaskDrill({
  scope,
  drill,
}: {
  scope: FocusScope;
  drill: Extract<Drill, { kind: 'tasks' }>;
}) {
  const list = useFocusTasks(scope, drill.metric, drill.slice);
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (list.isPending) return <Loading label="Loading tasks" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (tasks.length === 0)
    return <EmptyState title="No tasks">Nothing behind this number any more.</EmptyState>;
  return (
    <Stack gap="xs">
      <TaskTable tasks={tasks} caption="Drill-down tasks" />
      {list.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}

function AccountsDrill({
  teamId,
  drill,
}: {
  teamId?: string;
  drill: Extract<Drill, { kind: 'accounts' }>;
}) {
  const list = useOverdueAccounts(teamId, drill.slice, true);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  if (list.isPending) return <Loading label="Loading accounts" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (rows.length === 0)
    return <EmptyState title="No overdue tasks">No account has an overdue task.</EmptyState>;
  return (
    <Stack gap="xs">
      <Table highlightOnHover aria-label="Accounts with overdue tasks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th ta="right">Overdue tasks</Table.Th>
            <Table.Th>Oldest due date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.account.id} data-testid="overdue-account">
              <Table.Td>
                <Anchor component={Link} to={`/accounts/${r.account.id}?tab=work`} size="sm">
                  {r.account.name}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c="red.8" fw={600}>
                  {r.overdue}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDay(r.oldestDueDate)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}

export function DrillDown({ scope, report }: { scope: FocusScope; report: WorkFocus | undefined }) {
  const { drill, setDrill } = useDrill();
  const ref = useRef<HTMLDivElement>(null);
  const key = drill ? JSON.stringify(drill) : null;
  // Bring the list into view when a number is clicked (it sits below the report).
  useEffect(() => {
    if (key) ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [key]);
  if (!drill) return null;
  const title = titleOf(drill, report);
  return (
    <Card withBorder ref={ref} component="section" aria-label={title} data-testid="spotlight-drill">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <CloseButton aria-label="Close the drill-down" onClick={() => setDrill(null)} />
      </Group>
      {drill.kind === 'tasks' ? (
        <TaskDrill scope={scope} drill={drill} />
      ) : (
        <AccountsDrill teamId={scope.teamId} drill={drill} />
      )}
    </Card>
  );
}
