// Effectiveness score (0–100) with its parts, the comparison with the holdout, the outcome distribution, and the weekly trend.
import { useState } from 'react';
import { Card, Group, RingProgress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatDay } from '@/lib/dates';
import { ON_TIME_HELP } from '@/lib/on-time';
import { useEffectiveness } from '../api';
import type { Effectiveness } from '../types';
import { HoldoutComparison } from './HoldoutComparison';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const in100 = (v: number | null) => (v === null ? null : Math.round(v * 100));
/** Each week on the headline's 0–100 scale: the score and the three parts it is the mean of. */
const weekly = (series: Effectiveness['series']) =>
  series.map((w) => ({
    week: w.week,
    score: w.score,
    completed: in100(w.parts.completedShare),
    onTime: in100(w.parts.onTimeShare),
    goal: in100(w.parts.goalShare),
  }));

export function EffectivenessTab({ playId }: { playId: string }) {
  const [windowDays, setWindowDays] = useState('30');
  const q = useEffectiveness(playId, Number(windowDays));
  if (q.isPending) return <Loading label="Loading effectiveness" />;
  if (q.isError) return <ErrorState error={q.error} />;
  const e = q.data;
  return (
    <Stack>
      <Select
        label="Goal window after firing"
        w={200}
        allowDeselect={false}
        value={windowDays}
        onChange={(v) => setWindowDays(v ?? '30')}
        data={['7', '14', '30', '90'].map((d) => ({ value: d, label: `${d} days` }))}
      />
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Effectiveness score
          </Text>
          {e.tooEarly ? (
            <Stack gap={4} data-testid="effectiveness-too-early">
              <Text fw={700} size="lg">
                Too early to tell
              </Text>
              <Text size="xs" c="dimmed">
                {e.readyAt
                  ? `The first firings reach the end of their ${e.windowDays}-day window on ${formatDay(e.readyAt)}.`
                  : `The score is ready ${e.windowDays} days after the play first fires.`}
              </Text>
            </Stack>
          ) : (
            <Group>
              <RingProgress
                size={90}
                thickness={10}
                sections={[{ value: e.score ?? 0, color: 'indigo' }]}
                label={
                  <Text ta="center" fw={700} data-testid="effectiveness-score">
                    {e.score ?? '—'}
                  </Text>
                }
                aria-label={`Score ${e.score ?? 'not available'} of 100`}
              />
            </Group>
          )}
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Tasks completed
          </Text>
          <Text fw={700} size="xl">
            {pct(e.parts.completedShare)}
          </Text>
          <Text size="xs" c="dimmed">
            {e.counts.completed} of {e.counts.firedTasks} fired tasks
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Completed on time
          </Text>
          <Text fw={700} size="xl">
            {pct(e.parts.onTimeShare)}
          </Text>
          <Text size="xs" c="dimmed">
            {e.counts.completedOnTime} of {e.counts.completed} completed · {ON_TIME_HELP}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Reached the goal
          </Text>
          <Text fw={700} size="xl">
            {pct(e.parts.goalShare)}
          </Text>
          <Text size="xs" c="dimmed">
            {e.counts.reachedGoal} of {e.counts.targets} targets
          </Text>
        </Card>
      </SimpleGrid>
      <HoldoutComparison holdout={e.holdout} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">
            Score and its parts by week fired
          </Title>
          {e.series.every((w) => w.firedTasks === 0 && w.targets === 0) ? (
            <EmptyState title="No history yet" />
          ) : (
            <LineChart
              h={240}
              data={weekly(e.series)}
              dataKey="week"
              withLegend
              connectNulls={false}
              yAxisProps={{ domain: [0, 100] }}
              valueFormatter={(v) => `${v}`}
              series={[
                { name: 'score', color: 'orange.9', label: 'Score' },
                { name: 'completed', color: 'teal.9', label: 'Completed %' },
                { name: 'onTime', color: 'indigo.9', label: 'On time %' },
                { name: 'goal', color: 'grape.9', label: 'Goal %' },
              ]}
            />
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">
            Outcomes
          </Title>
          {e.outcomes.length === 0 ? (
            <EmptyState title="No outcomes yet" />
          ) : (
            <BarChart
              h={240}
              data={e.outcomes.map((o) => ({ outcome: o.outcome ?? '(none)', count: o.count }))}
              dataKey="outcome"
              series={[{ name: 'count', color: 'indigo.9', label: 'Tasks' }]}
            />
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
