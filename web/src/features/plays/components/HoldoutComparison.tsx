// Whether the play changes outcomes (SPEC §5): the goal rate of treated records against the holdout's.
import { Card, Text, Title } from '@mantine/core';
import type { Effectiveness } from '../types';

const n = (v: number) => v.toLocaleString('en-US');
const pct = (v: number | null) => `${Math.round((v ?? 0) * 100)}%`;
const points = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(Math.round(v))} points`;

/** One sentence: "Treated: 42% reached the goal (n = 1,200) · Held out: 31% (n = 130) · +11 points". */
export function holdoutSentence(h: Effectiveness['holdout']) {
  if (h.tooSmall || h.lift === null)
    return `Not enough records yet to compare (n = ${n(h.heldOut.records)} held out, ${n(h.treated.records)} treated; at least 30 each)`;
  return `Treated: ${pct(h.treated.rate)} reached the goal (n = ${n(h.treated.records)}) · Held out: ${pct(h.heldOut.rate)} (n = ${n(h.heldOut.records)}) · ${points(h.lift)}`;
}

export function HoldoutComparison({ holdout }: { holdout: Effectiveness['holdout'] }) {
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        Against the holdout
      </Title>
      {holdout.percent === 0 && holdout.heldOut.records === 0 ? (
        <Text size="sm" c="dimmed">
          No holdout: set a holdout share in the play to see whether it changes outcomes.
        </Text>
      ) : (
        <Text size="sm" data-testid="holdout-comparison">
          {holdoutSentence(holdout)}
        </Text>
      )}
    </Card>
  );
}
