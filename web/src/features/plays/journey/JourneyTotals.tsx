// A journey play's totals: entered, running, ended, held out (from GET /plays/{id}/journey-steps).
import { Group, Text } from '@mantine/core';
import type { StepCounts } from './api';

export function JourneyTotals({ counts }: { counts: StepCounts | undefined }) {
  if (!counts) return null;
  const t = counts.totals;
  return (
    <Group gap="lg" data-testid="journey-totals" role="status" aria-label="Journey totals">
      {(
        [
          ['Entered', t.entered],
          ['Running', t.running],
          ['Ended', t.ended],
          ['Held out', t.holdout],
        ] as const
      ).map(([label, n]) => (
        <Text key={label} size="sm">
          {label} <b>{n}</b>
        </Text>
      ))}
    </Group>
  );
}
