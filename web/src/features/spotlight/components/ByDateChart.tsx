// Tasks created and completed per day over the period: bars for short periods, lines for long ones.
import { Card, Text, Title } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { EmptyState } from '@/components/feedback';
import { formatDay } from '@/lib/dates';
import type { WorkFocus } from '../types';

// Hidden from assistive tech (the sentence above says the same), so the chart must not take keyboard focus either.
const noKeyboard = { accessibilityLayer: false };
const series = [
  { name: 'created', label: 'Created', color: 'indigo.9' },
  { name: 'completed', label: 'Completed', color: 'teal.9' },
];

export function ByDateChart({ byDate }: { byDate: WorkFocus['byDate'] }) {
  const created = byDate.reduce((s, d) => s + d.created, 0);
  const completed = byDate.reduce((s, d) => s + d.completed, 0);
  const data = byDate.map((d) => ({ ...d, day: formatDay(d.date).replace(/, \d{4}$/, '') }));
  return (
    <Card withBorder>
      <Title order={2} size="h5">
        Created and completed by day
      </Title>
      {/* The chart is for the eye; this sentence carries the same numbers for screen readers. */}
      <Text size="xs" c="dimmed" mb="sm">
        {created} created and {completed} completed over {byDate.length} days
      </Text>
      {created + completed === 0 ? (
        <EmptyState title="No activity in this period" />
      ) : byDate.length <= 31 ? (
        <BarChart
          h={240}
          data={data}
          dataKey="day"
          series={series}
          withLegend
          aria-hidden
          barChartProps={noKeyboard}
        />
      ) : (
        <LineChart
          h={240}
          data={data}
          dataKey="day"
          series={series}
          withLegend
          withDots={false}
          curveType="linear"
          aria-hidden
          lineChartProps={noKeyboard}
        />
      )}
    </Card>
  );
}
