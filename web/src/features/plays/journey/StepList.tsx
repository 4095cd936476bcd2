// One vertical list of steps (the journey's main line, a branch path, or a wait's "time ran out" lane),
// with "Add step" before the first step and after each one.
import { Stack, Text } from '@mantine/core';
import { AddStepMenu } from './AddStepMenu';
import { StepCard } from './StepCard';
import { stepName } from './summary';
import { useJourney, type StepListProps } from './context';
import type { Step } from './types';

export function StepList({ steps, onChange, path, lane }: StepListProps) {
  const { byId } = useJourney();
  const where = lane ? ` in ${lane}` : '';
  const insert = (at: number, s: Step) =>
    onChange([...steps.slice(0, at), s, ...steps.slice(at)], true);
  const move = (i: number, by: -1 | 1) => {
    const next = [...steps];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s!);
    onChange(next, true);
  };
  return (
    <Stack gap={6}>
      <AddStepMenu where={`at the start${where}`} onAdd={(s) => insert(0, s)} />
      {steps.length === 0 && (
        <Text size="sm" c="dimmed">
          No steps{lane ? ' in this lane' : ''} yet.
        </Text>
      )}
      {steps.map((s, i) => (
        <Stack gap={6} key={s.id}>
          <StepCard
            step={s}
            path={`${path}.${i}`}
            first={i === 0}
            last={i === steps.length - 1}
            onChange={(ns) =>
              onChange(
                steps.map((x, j) => (j === i ? ns : x)),
                false,
              )
            }
            onMove={(by) => move(i, by)}
            onRemove={() =>
              onChange(
                steps.filter((_, j) => j !== i),
                true,
              )
            }
          />
          <AddStepMenu
            where={`after ‘${stepName(s, byId)}’${where}`}
            onAdd={(n) => insert(i + 1, n)}
          />
        </Stack>
      ))}
    </Stack>
  );
}
