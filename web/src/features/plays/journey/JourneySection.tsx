// The play builder's "Steps" section: off, the play fires its actions list once on entry (as before);
// on, the actions run as a journey of steps over time, with its exit rules, re-entry and holdout.
import { useMemo } from 'react';
import { Alert, Fieldset, Stack, Switch, Text } from '@mantine/core';
import type { Subject } from '@/features/segments/types';
import type { Action } from '../types';
import { useTemplates } from '@/features/templates/api';
import { JourneyContext, type JourneyContextValue } from './context';
import { useStepCounts } from './api';
import { ExitRulesFields } from './ExitRulesFields';
import { JourneyTotals } from './JourneyTotals';
import { StepList } from './StepList';
import { newStep, placeSteps, stepsFromActions } from './tree';
import type { JourneyDraft, Step } from './types';

type Props = {
  value: JourneyDraft;
  onChange: (j: JourneyDraft) => void;
  /** The play form's server errors by path (only `steps…`, `exitRules…`, `reentry`, `holdoutPercent` are read here). */
  errors: Record<string, string>;
  /** Drops the errors at and under a path: the person edited it, so they are stale. */
  clearErrors: (path: string) => void;
  subject: Subject;
  /** The plain actions list: turning the journey on makes them its first steps. */
  actions: Action[];
  manual: boolean;
  playId?: string;
  perChild?: boolean;
};

export function JourneySection(props: Props) {
  const { value, onChange, errors, clearErrors } = props;
  const templates = useTemplates();
  // Counts only for a saved journey play (a new or plain play has none).
  const counts = useStepCounts(props.playId, value.on);
  const countMap = useMemo(
    () => (counts.data ? new Map(counts.data.steps.map((c) => [c.stepId, c])) : null),
    [counts.data],
  );
  const placed = useMemo(() => placeSteps(value.steps), [value.steps]);
  const ctx = useMemo<JourneyContextValue>(() => {
    const byId = (id: string) => placed.find((p) => p.step.id === id)?.step;
    return {
      placed,
      byId,
      outcomesOf: (id) => {
        const s = byId(id);
        if (s?.type !== 'action' || s.action.type !== 'create_task') return [];
        if (s.action.outcomes?.length) return s.action.outcomes;
        const t = templates.data?.find(
          (x) => x.id === (s.action as { templateId?: string }).templateId,
        );
        return t?.outcomes.map((o) => o.name) ?? [];
      },
      errors,
      clearErrors,
      subject: props.subject,
      manual: props.manual,
      playId: props.playId,
      perChild: props.perChild,
      counts: countMap,
      StepList,
    };
  }, [
    placed,
    templates.data,
    countMap,
    errors,
    clearErrors,
    props.subject,
    props.manual,
    props.playId,
    props.perChild,
  ]);

  const setSteps = (steps: Step[], moved: boolean) => {
    // Errors of moved or removed steps would land on the wrong step: drop them.
    if (moved) clearErrors('steps');
    onChange({ ...value, steps });
  };

  return (
    <JourneyContext.Provider value={ctx}>
      <Fieldset legend="Steps">
        <Stack gap="sm">
          <Switch
            label="Run as a journey (steps over time)"
            checked={value.on}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              onChange({
                ...value,
                on,
                steps:
                  on && value.steps.length === 0
                    ? props.actions.length
                      ? stepsFromActions(props.actions)
                      : [newStep('action', 'create_task')]
                    : value.steps,
              });
            }}
          />
          {!value.on && (
            <Text size="sm" c="dimmed">
              Off: the actions below fire once when a record enters.
            </Text>
          )}
          {value.on && (
            <>
              {errors['steps'] && (
                <Alert color="red" role="alert">
                  {errors['steps']}
                </Alert>
              )}
              <JourneyTotals counts={counts.data} />
              <StepList steps={value.steps} path="steps" onChange={setSteps} />
            </>
          )}
        </Stack>
      </Fieldset>
      {value.on && (
        <Fieldset legend="Leaving and entering again">
          <ExitRulesFields
            value={value}
            subject={props.subject}
            errors={errors}
            onChange={(j, field) => {
              clearErrors(field);
              onChange(j);
            }}
          />
        </Fieldset>
      )}
    </JourneyContext.Provider>
  );
}
