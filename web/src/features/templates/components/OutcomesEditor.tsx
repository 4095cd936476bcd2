// Outcomes of a template: each a name plus what choosing it does (tags, attribute, e-mail, follow-up task, enroll).
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { ErrorTargets } from '@/lib/form-errors';
import { dueUnitLabels, type DueUnit } from '@/lib/labels';
import { useAttributeDefs } from '@/features/lookups/api';
import { usePlays } from '@/features/plays/api';
import { useTemplates, type Outcome, type OutcomeAction } from '../api';

// Typed by the API's one outcome-action schema: a kind added there must be labelled here.
const kindLabels: Record<OutcomeAction['type'], string> = {
  add_tag: 'Add tag',
  remove_tag: 'Remove tag',
  set_attribute: 'Set attribute',
  send_email: 'E-mail the contact',
  create_task_from_template: 'Create task from template',
  enroll_in_play: 'Enroll in play',
};
const actionKinds = Object.entries(kindLabels).map(([value, label]) => ({ value, label }));

function blank(type: string): OutcomeAction {
  switch (type) {
    case 'set_attribute':
      return { type, target: 'account', key: '', value: '' };
    case 'send_email':
      return { type, subject: '', body: '' };
    case 'create_task_from_template':
      return { type, templateId: '', dueInDays: 7 };
    case 'enroll_in_play':
      return { type, playId: '' };
    default:
      return { type: type as 'add_tag', target: 'account', tag: '' };
  }
}

/** The inputs each kind of step shows (their error paths, relative to the step). */
const stepFields: Record<OutcomeAction['type'], string[]> = {
  add_tag: ['target', 'tag'],
  remove_tag: ['target', 'tag'],
  set_attribute: ['key', 'value'],
  send_email: ['subject', 'body'],
  create_task_from_template: ['templateId', 'dueInDays'],
  enroll_in_play: ['playId'],
};

/** The error paths the outcomes editor shows next to an input; keep in step with the `errors[...]` reads below. */
export function outcomeErrorTargets(value: Outcome[]): ErrorTargets {
  const steps = value.flatMap((o, i) =>
    o.actions.map((a, k) => ({ at: `outcomes.${i}.actions.${k}`, a })),
  );
  return {
    exact: [
      'outcomes',
      ...value.flatMap((_, i) => [`outcomes.${i}`, `outcomes.${i}.actions`]),
      ...steps.map((s) => s.at),
    ],
    fields: [
      ...value.map((_, i) => `outcomes.${i}.name`),
      ...steps.flatMap((s) => stepFields[s.a.type].map((f) => `${s.at}.${f}`)),
    ],
    aliases: Object.fromEntries(steps.map((s) => [`${s.at}.type`, s.at])),
  };
}

function ActionFields({
  a,
  onChange,
  err,
}: {
  a: OutcomeAction;
  onChange: (a: OutcomeAction) => void;
  err: (field: string) => string | undefined;
}) {
  const defs = useAttributeDefs('account');
  const templates = useTemplates();
  const plays = usePlays();
  switch (a.type) {
    case 'add_tag':
    case 'remove_tag':
      return (
        <Group gap="xs">
          <Select
            aria-label="On"
            w={120}
            allowDeselect={false}
            data={['account', 'contact']}
            value={a.target}
            onChange={(v) => onChange({ ...a, target: v as 'account' })}
            error={err('target')}
          />
          <TextInput
            aria-label="Tag"
            placeholder="tag"
            value={a.tag}
            onChange={(e) => onChange({ ...a, tag: e.currentTarget.value })}
            error={err('tag')}
          />
        </Group>
      );
    case 'set_attribute':
      return (
        <Group gap="xs">
          <Select
            aria-label="Attribute"
            w={180}
            data={(defs.data ?? []).map((d) => ({ value: d.key, label: d.label }))}
            value={a.key || null}
            onChange={(v) => onChange({ ...a, key: v ?? '' })}
            error={err('key')}
          />
          <TextInput
            aria-label="Value"
            placeholder="value"
            value={String(a.value ?? '')}
            onChange={(e) => onChange({ ...a, value: e.currentTarget.value })}
            error={err('value')}
          />
        </Group>
      );
    case 'send_email':
      return (
        <Group gap="xs" grow>
          <TextInput
            aria-label="E-mail subject"
            placeholder="Subject"
            value={a.subject}
            onChange={(e) => onChange({ ...a, subject: e.currentTarget.value })}
            error={err('subject')}
          />
          <TextInput
            aria-label="E-mail body"
            placeholder="Body (merge fields allowed)"
            value={a.body}
            onChange={(e) => onChange({ ...a, body: e.currentTarget.value })}
            error={err('body')}
          />
        </Group>
      );
    case 'create_task_from_template': {
      // Without its own offset the follow-up takes the template's, in the template's unit.
      const tpl = templates.data?.find((t) => t.id === a.templateId);
      const unit = a.dueUnit ?? (a.dueInDays === undefined ? tpl?.dueOffsetUnit : undefined);
      return (
        <Group gap="xs">
          <Select
            aria-label="Template"
            w={220}
            data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={a.templateId || null}
            onChange={(v) => onChange({ ...a, templateId: v ?? '' })}
            error={err('templateId')}
          />
          <NumberInput
            aria-label="Due in days"
            w={100}
            min={1}
            value={a.dueInDays ?? ''}
            placeholder={tpl ? String(tpl.dueOffsetDays) : undefined}
            onChange={(v) => onChange({ ...a, dueInDays: v === '' ? undefined : Number(v) })}
            error={err('dueInDays')}
          />
          <Select
            aria-label="Due in: unit"
            w={150}
            allowDeselect={false}
            data={(Object.keys(dueUnitLabels) as DueUnit[]).map((k) => ({
              value: k,
              label: dueUnitLabels[k],
            }))}
            value={unit ?? 'days'}
            onChange={(v) => onChange({ ...a, dueUnit: (v ?? 'days') as DueUnit })}
          />
        </Group>
      );
    }
    default:
      return (
        <Select
          aria-label="Play"
          w={240}
          data={(plays.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={a.playId || null}
          onChange={(v) => onChange({ ...a, playId: v ?? '' })}
          error={err('playId')}
        />
      );
  }
}

export function OutcomesEditor({
  value,
  onChange,
  errors,
}: {
  value: Outcome[];
  onChange: (v: Outcome[]) => void;
  errors: Record<string, string>;
}) {
  const setOutcome = (i: number, o: Outcome) => onChange(value.map((x, j) => (j === i ? o : x)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Outcomes
      </Text>
      {errors.outcomes && (
        <Text size="sm" c="red.8">
          {errors.outcomes}
        </Text>
      )}
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No outcomes: the task can be completed without choosing one.
        </Text>
      )}
      {value.map((o, i) => (
        <Paper key={i} withBorder p="xs" role="group" aria-label={`Outcome ${i + 1}`}>
          <Group gap="xs" mb={4}>
            <TextInput
              aria-label={`Outcome ${i + 1} name`}
              placeholder="e.g. Left a message"
              value={o.name}
              onChange={(e) => setOutcome(i, { ...o, name: e.currentTarget.value })}
              error={errors[`outcomes.${i}.name`]}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove outcome ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ✕
            </ActionIcon>
          </Group>
          {[errors[`outcomes.${i}`], errors[`outcomes.${i}.actions`]].filter(Boolean).map((m) => (
            <Text key={m} size="sm" c="red.8" mb={4}>
              {m}
            </Text>
          ))}
          {o.actions.map((a, k) => (
            <Stack key={k} gap={2} mb={4}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Select
                  aria-label="Then"
                  w={200}
                  allowDeselect={false}
                  data={actionKinds}
                  value={a.type}
                  onChange={(t) =>
                    setOutcome(i, {
                      ...o,
                      actions: o.actions.map((x, j) => (j === k ? blank(t!) : x)),
                    })
                  }
                />
                <ActionFields
                  a={a}
                  onChange={(na) =>
                    setOutcome(i, { ...o, actions: o.actions.map((x, j) => (j === k ? na : x)) })
                  }
                  err={(f) => errors[`outcomes.${i}.actions.${k}.${f}`]}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label="Remove this step"
                  onClick={() =>
                    setOutcome(i, { ...o, actions: o.actions.filter((_, j) => j !== k) })
                  }
                >
                  ✕
                </ActionIcon>
              </Group>
              {errors[`outcomes.${i}.actions.${k}`] && (
                <Text size="sm" c="red.8">
                  {errors[`outcomes.${i}.actions.${k}`]}
                </Text>
              )}
            </Stack>
          ))}
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setOutcome(i, { ...o, actions: [...o.actions, blank('add_tag')] })}
          >
            Add automation
          </Button>
        </Paper>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() => onChange([...value, { name: '', actions: [] }])}
        >
          Add outcome
        </Button>
        <Button
          size="xs"
          variant="subtle"
          onClick={() => onChange([...value, { name: 'No further action', actions: [] }])}
        >
          Add “No further action”
        </Button>
      </Group>
    </Stack>
  );
}
