// Counts by flow or by role: a bar chart to look at (click a bar to drill down) and a table to read and click.
// The chart is hidden from assistive tech and keyboard; the table below carries the same numbers and links.
import { Card, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { EmptyState } from '@/components/feedback';
import { ON_TIME_HELP } from '@/lib/on-time';
import type { Counts, FocusMetric, FocusSlice } from '../types';
import { useDrill } from '../use-drill';
import { CountLink, pct } from './CountLink';

export type BreakdownRow = Counts & { name: string; slice: FocusSlice };

const chartSeries: Array<{
  name: keyof Counts;
  label: string;
  color: string;
  metric: FocusMetric;
}> = [
  { name: 'created', label: 'Created', color: 'indigo.9', metric: 'created' },
  { name: 'completed', label: 'Completed', color: 'teal.9', metric: 'completed' },
  { name: 'overdueNow', label: 'Overdue now', color: 'red.9', metric: 'overdue' },
];

export function Breakdown({ title, rows }: { title: string; rows: BreakdownRow[] }) {
  const { setDrill } = useDrill();
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <EmptyState title="No tasks in this period" />
      ) : (
        <>
          <BarChart
            h={220}
            data={rows}
            dataKey="name"
            withLegend
            aria-hidden
            barChartProps={{ accessibilityLayer: false }}
            series={chartSeries.map(({ name, label, color }) => ({ name, label, color }))}
            barProps={(s) => ({
              cursor: 'pointer',
              onClick: (d: { payload?: BreakdownRow }) => {
                const metric = chartSeries.find((x) => x.name === s.name)?.metric;
                if (d.payload && metric)
                  setDrill({ kind: 'tasks', metric, slice: d.payload.slice });
              },
            })}
          />
          <Table mt="sm" verticalSpacing={4} aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {title.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase())}
                </Table.Th>
                <Table.Th ta="right">Created</Table.Th>
                <Table.Th ta="right">Completed</Table.Th>
                <Table.Th ta="right" title={`On-time rate: ${ON_TIME_HELP}`}>
                  On-time rate
                </Table.Th>
                <Table.Th ta="right">Overdue now</Table.Th>
                <Table.Th ta="right">Open now</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Td>
                    <Text size="sm">{r.name}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <CountLink
                      value={r.created}
                      metric="created"
                      slice={r.slice}
                      context={r.name}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <CountLink
                      value={r.completed}
                      metric="completed"
                      slice={r.slice}
                      context={r.name}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" span>
                      {pct(r.onTimeRate)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <CountLink
                      value={r.overdueNow}
                      metric="overdue"
                      slice={r.slice}
                      context={r.name}
                      danger
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <CountLink value={r.openNow} metric="open" slice={r.slice} context={r.name} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}
