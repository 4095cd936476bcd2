// Plays: automations that create tasks and update data when records enter or leave criteria.
// Each play with its status, owner, effectiveness score, open tasks and last run; cards below 600 px.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { playStatusLabels, playTriggerLabels, runKindLabel } from '@/lib/labels';
import { usePlayList } from '../api';
import type { PlayListItem } from '../types';

const score = (p: PlayListItem) =>
  p.summary.tooEarly
    ? 'Too early to tell'
    : p.summary.score === null
      ? 'No data yet'
      : `${p.summary.score} / 100`;
const lastRun = (p: PlayListItem) =>
  p.summary.lastRun
    ? `${runKindLabel(p.summary.lastRun.kind)}, ${formatTime(p.summary.lastRun.at)}`
    : 'Never fired';
const owner = (p: PlayListItem) => p.summary.ownerName ?? 'No owner';

function StatusBadge({ play }: { play: PlayListItem }) {
  return (
    // Never squeezed into an ellipsis by a narrow column.
    <Badge
      color={play.status === 'enabled' ? 'teal' : 'gray'}
      tt="none"
      style={{ minWidth: 'max-content' }}
    >
      {playStatusLabels[play.status]}
    </Badge>
  );
}

function PlayName({ play }: { play: PlayListItem }) {
  return (
    <>
      <Anchor component={Link} to={`/plays/${play.id}`} fw={500}>
        {play.name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {play.description}
      </Text>
    </>
  );
}

function PlaysTable({ plays }: { plays: PlayListItem[] }) {
  return (
    <Table highlightOnHover aria-label="Plays">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Effectiveness</Table.Th>
          <Table.Th>Open tasks</Table.Th>
          <Table.Th>Last run</Table.Th>
          <Table.Th>Trigger</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plays.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <PlayName play={p} />
            </Table.Td>
            <Table.Td>
              <StatusBadge play={p} />
            </Table.Td>
            <Table.Td>{owner(p)}</Table.Td>
            <Table.Td>{score(p)}</Table.Td>
            <Table.Td>{p.summary.openTasks}</Table.Td>
            <Table.Td>{lastRun(p)}</Table.Td>
            <Table.Td>{playTriggerLabels[p.trigger.type]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PlayCards({ plays }: { plays: PlayListItem[] }) {
  return (
    <Stack gap="sm" role="list" aria-label="Plays">
      {plays.map((p) => (
        <Card key={p.id} withBorder role="listitem">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <PlayName play={p} />
            </div>
            <StatusBadge play={p} />
          </Group>
          <SimpleGrid cols={2} mt="xs" spacing={4} verticalSpacing={4}>
            <Text size="sm" c="dimmed">
              Owner
            </Text>
            <Text size="sm">{owner(p)}</Text>
            <Text size="sm" c="dimmed">
              Effectiveness
            </Text>
            <Text size="sm">{score(p)}</Text>
            <Text size="sm" c="dimmed">
              Open tasks
            </Text>
            <Text size="sm">{p.summary.openTasks}</Text>
            <Text size="sm" c="dimmed">
              Last run
            </Text>
            <Text size="sm">{lastRun(p)}</Text>
          </SimpleGrid>
        </Card>
      ))}
    </Stack>
  );
}

export function PlaysPage() {
  const plays = usePlayList();
  const narrow = useMediaQuery('(max-width: 599.98px)', false);
  return (
    <>
      <PageHeader
        title="Plays"
        subtitle="Automated playbooks"
        actions={
          <Button component={Link} to="/plays/new">
            New play
          </Button>
        }
      />
      {plays.isPending ? (
        <Loading label="Loading plays" />
      ) : plays.isError ? (
        <ErrorState error={plays.error} />
      ) : plays.data.length === 0 ? (
        <EmptyState
          title="No plays yet"
          action={
            <Button component={Link} to="/plays/new" mt="xs">
              Build the first play
            </Button>
          }
        >
          A play creates tasks when accounts enter a segment, on a schedule, or on demand.
        </EmptyState>
      ) : narrow ? (
        <PlayCards plays={plays.data} />
      ) : (
        <PlaysTable plays={plays.data} />
      )}
    </>
  );
}
