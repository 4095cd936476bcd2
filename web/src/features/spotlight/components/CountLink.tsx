// A count that drills down to the tasks behind it when clicked.
import { Anchor, Text } from '@mantine/core';
import { metricOf, type FocusMetric, type FocusSlice } from '../types';
import { useDrill } from '../use-drill';

type Props = {
  value: number;
  metric: FocusMetric;
  slice?: FocusSlice;
  context?: string;
  danger?: boolean;
  size?: string;
  fw?: number;
};

export function CountLink({ value, metric, slice = {}, context, danger, size = 'sm', fw }: Props) {
  const { setDrill } = useDrill();
  // Zero has nothing behind it; a plain number avoids a link to an empty list.
  if (value === 0)
    return (
      <Text span size={size} fw={fw} c="dimmed">
        0
      </Text>
    );
  const label = `${value} ${metricOf[metric].label.toLowerCase()}${context ? ` for ${context}` : ''}: show the tasks`;
  return (
    <Anchor
      component="button"
      type="button"
      size={size}
      fw={fw}
      c={danger ? 'red.8' : undefined}
      aria-label={label}
      style={{ textAlign: 'inherit' }}
      onClick={() => setDrill({ kind: 'tasks', metric, slice })}
    >
      {value}
    </Anchor>
  );
}

export const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
