// One step: its kind, what it does in words, edit in place, move up/down, delete; the fields of its
// kind below the heading while open, and the lanes of a branch or of a wait's "time ran out".
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { journeyStepTypeLabels } from '@/lib/labels';
import { errorsUnder } from '@/lib/form-errors';
import { actionKind } from '../actions/registry';
import { useJourney } from './context';
import { BranchLanes } from './BranchLanes';
import { GoToFields, WaitFields, WaitUntilFields } from './StepFields';
import { stepName, stepSummary } from './summary';
import { freshSteps } from './tree';
import type { Step } from './types';

type Props = {
  step: Step;
  path: string;
  first: boolean;
  last: boolean;
  onChange: (s: Step) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

export function StepCard({ step, path, first, last, onChange, onMove, onRemove }: Props) {
  const j = useJourney();
  const [open, setOpen] = useState(() => freshSteps.has(step.id));
  const errs = errorsUnder(j.errors, path);
  const ownErrs = Object.keys(errs).filter(
    (k) => !/^(paths\.\d+\.steps|otherwise|onTimeout)\./.test(k),
  );
  const showing = open || ownErrs.length > 0;
  const summary = stepSummary(step, j.byId);
  const name = stepName(step, j.byId);
  // An edit makes the errors on this step's own fields stale (its lanes keep theirs).
  const edit = (s: Step, field?: string) => {
    if (field) j.clearErrors(`${path}.${field}`);
    onChange(s);
  };
  const count = j.counts?.get(step.id) ?? (j.counts ? { active: 0, done: 0 } : null);
  const kind = step.type === 'action' ? actionKind(step.action.type) : null;

  return (
    <Paper
      withBorder
      p="sm"
      role="group"
      aria-label={summary}
      data-testid="journey-step"
      data-step-id={step.id}
    >
      {/* The buttons share the kind's row, so the words below get the card's full width on a phone. */}
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Badge variant="light">{journeyStepTypeLabels[step.type]}</Badge>
        <Group gap={2} wrap="nowrap">
          <Button
            variant="subtle"
            size="compact-xs"
            aria-label={`${showing ? 'Done editing' : 'Edit'} ‘${name}’`}
            aria-expanded={showing}
            onClick={() => setOpen(!showing)}
          >
            {showing ? 'Done' : 'Edit'}
          </Button>
          <ActionIcon
            variant="subtle"
            aria-label={`Move ‘${name}’ up`}
            disabled={first}
            onClick={() => onMove(-1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={`Move ‘${name}’ down`}
            disabled={last}
            onClick={() => onMove(1)}
          >
            ↓
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Delete ‘${name}’`}
            onClick={onRemove}
          >
            ✕
          </ActionIcon>
        </Group>
      </Group>
      <Text fw={600} size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {summary}
      </Text>
      {count && (
        <Text size="xs" c="dimmed" mt={4} data-testid="step-counts">
          {count.active} here now · {count.done} done
        </Text>
      )}
      {errs[''] && (
        <Text size="sm" c="red.8" role="alert" mt="xs">
          {errs['']}
        </Text>
      )}
      {showing && (
        <Stack gap="xs" mt="xs">
          <TextInput
            label="Step name (optional)"
            maw={360}
            value={step.name ?? ''}
            onChange={(e) => edit({ ...step, name: e.currentTarget.value || undefined }, 'name')}
          />
          {step.type === 'action' && kind && (
            <>
              {j.manual && !kind.manual && (
                <Text size="sm" c="orange.9">
                  Manual plays can only create tasks and request information.
                </Text>
              )}
              {errs['action'] && (
                <Text size="sm" c="red.8" role="alert">
                  {errs['action']}
                </Text>
              )}
              <kind.Editor
                action={step.action}
                onChange={(a) => edit({ ...step, action: a }, 'action')}
                errors={errorsUnder(errs, 'action')}
                playId={j.playId}
                perChild={j.perChild}
              />
            </>
          )}
          {step.type === 'wait' && <WaitFields step={step} errors={errs} onChange={edit} />}
          {step.type === 'wait_until' && (
            <WaitUntilFields step={step} path={path} errors={errs} onChange={edit} />
          )}
          {step.type === 'go_to' && (
            <GoToFields step={step} path={path} errors={errs} onChange={edit} />
          )}
        </Stack>
      )}
      {step.type === 'branch' && (
        <BranchLanes step={step} path={path} errors={errs} editing={showing} onChange={edit} />
      )}
      {step.type === 'wait_until' && (
        <Paper
          withBorder
          p="xs"
          mt="xs"
          role="group"
          aria-label={`When time runs out on ‘${name}’`}
        >
          <Text size="sm" fw={600} mb={4}>
            When time runs out
          </Text>
          {errs['onTimeout'] && (
            <Text size="sm" c="red.8" role="alert">
              {errs['onTimeout']}
            </Text>
          )}
          <j.StepList
            steps={step.onTimeout}
            path={`${path}.onTimeout`}
            lane={`‘When time runs out’ of ‘${name}’`}
            onChange={(onTimeout, moved) => {
              if (moved) j.clearErrors(`${path}.onTimeout`);
              onChange({ ...step, onTimeout });
            }}
          />
        </Paper>
      )}
    </Paper>
  );
}
