// The team's totals over the period: one card per count, each number drilling down to its tasks.
import { Anchor, Card, SimpleGrid, Text } from '@mantine/core';
import { ON_TIME_HELP } from '@/lib/on-time';
import type { Counts } from '../types';
import { useDrill } from '../use-drill';
import { CountLink, pct } from './CountLink';

export function StatCards({ totals }: { totals: Counts }) {
  const { setDrill } = useDrill();
  const card = (title: string, body: React.ReactNode, hint: React.ReactNode) => (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      {body}
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="spotlight-totals">
      {card(
        'Created',
        <CountLink value={totals.created} metric="created" size="xl" fw={700} />,
        'in the period',
      )}
      {card(
        'Completed',
        <CountLink value={totals.completed} metric="completed" size="xl" fw={700} />,
        'in the period',
      )}
      {card(
        'Completed on time',
        <CountLink value={totals.completedOnTime} metric="completed_on_time" size="xl" fw={700} />,
        'on or before the due date',
      )}
      {card(
        'On-time rate',
        <Text size="xl" fw={700}>
          {pct(totals.onTimeRate)}
        </Text>,
        ON_TIME_HELP,
      )}
      {card(
        'Overdue now',
        <CountLink value={totals.overdueNow} metric="overdue" size="xl" fw={700} danger />,
        totals.overdueNow > 0 ? (
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => setDrill({ kind: 'accounts', slice: {} })}
          >
            Accounts with overdue tasks
          </Anchor>
        ) : (
          'nothing late'
        ),
      )}
      {card(
        'Open now',
        <CountLink value={totals.openNow} metric="open" size="xl" fw={700} />,
        'not yet completed',
      )}
    </SimpleGrid>
  );
}
