// Criteria builder: match all/any of a list of conditions over fields, attributes, tags, hierarchy, task statistics
// and other segments. Server validation errors (body.criteria.items.N…) are shown on their row.
import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  JsonInput,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  type SelectProps,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useAttributeDefs } from '@/features/lookups/api';
import { usePlays } from '@/features/plays/api';
import { FlowSelect } from '@/features/lookups/pickers';
import { useSegments } from '../api';
import type { CompareOp, Criteria, Leaf, Scalar, Subject } from '../types';
import { fromModel, newLeaf, opLabels, opsFor, toModel, type Model } from './criteria-model';

type Field = {
  value: string;
  label: string;
  type: string;
  group: string;
  enumValues?: string[] | null;
};

function useFields(subject: Subject): Field[] {
  const acc = useAttributeDefs('account');
  const con = useAttributeDefs('contact');
  return useMemo(() => {
    const account = (prefix: string, group: string): Field[] => [
      { value: `${prefix}name`, label: 'Name', type: 'text', group },
      { value: `${prefix}external_id`, label: 'External id', type: 'text', group },
      { value: `${prefix}lifecycle_stage`, label: 'Lifecycle stage', type: 'text', group },
      { value: `${prefix}account_type`, label: 'Account type', type: 'text', group },
      { value: `${prefix}created_at`, label: 'Created', type: 'date', group },
      ...(acc.data ?? []).map((d) => ({
        value: `${prefix}attributes.${d.key}`,
        label: d.label,
        type: d.type,
        group,
        enumValues: d.enumValues,
      })),
    ];
    if (subject === 'accounts')
      return [...account('', 'Account'), ...account('parent.', 'Parent account')];
    return [
      { value: 'first_name', label: 'First name', type: 'text', group: 'Contact' },
      { value: 'last_name', label: 'Last name', type: 'text', group: 'Contact' },
      { value: 'email', label: 'E-mail', type: 'text', group: 'Contact' },
      { value: 'phone', label: 'Phone', type: 'text', group: 'Contact' },
      { value: 'created_at', label: 'Created', type: 'date', group: 'Contact' },
      ...(con.data ?? []).map((d) => ({
        value: `attributes.${d.key}`,
        label: d.label,
        type: d.type,
        group: 'Contact',
        enumValues: d.enumValues,
      })),
      ...account('account.', "Contact's account"),
    ];
  }, [subject, acc.data, con.data]);
}

/** The plays a task statistic may be limited to (only people who manage plays can list them). */
function PlaySelect(props: Omit<SelectProps, 'data'>) {
  const me = useMe();
  const plays = usePlays(canManagePlays(me.data));
  const data = (plays.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  // A play the reader cannot list (or since deleted) still shows as chosen rather than blank.
  if (props.value && !data.some((d) => d.value === props.value))
    data.push({ value: props.value, label: plays.data ? 'A deleted play' : 'A play' });
  return <Select searchable nothingFoundMessage="No play matches" data={data} {...props} />;
}

const kinds = [
  { value: 'compare', label: 'Field' },
  { value: 'tags', label: 'Tag' },
  { value: 'has_parent', label: 'Hierarchy' },
  { value: 'task_stat', label: 'Task statistics' },
  { value: 'in_segment', label: 'In segment' },
  { value: 'not_in_segment', label: 'Not in segment' },
];

function LeafEditor({
  leaf,
  onChange,
  fields,
  subject,
  segmentId,
}: {
  leaf: Leaf;
  onChange: (l: Leaf) => void;
  fields: Field[];
  subject: Subject;
  segmentId?: string;
}) {
  const segments = useSegments();
  switch (leaf.kind) {
    case 'compare': {
      const f = fields.find((x) => x.value === leaf.field);
      const type = f?.type ?? 'text';
      const groups = [...new Set(fields.map((x) => x.group))].map((g) => ({
        group: g,
        items: fields.filter((x) => x.group === g).map((x) => ({ value: x.value, label: x.label })),
      }));
      const needsDays = leaf.op.includes('days');
      const noValue = ['is_empty', 'is_set', 'is_not_set'].includes(leaf.op);
      const num = (v: string | number) => (v === '' ? undefined : Number(v));
      const valueInput = noValue ? null : needsDays ? (
        <NumberInput
          aria-label="Days"
          w={100}
          min={0}
          value={leaf.days ?? ''}
          onChange={(v) => onChange({ ...leaf, days: num(v) })}
        />
      ) : leaf.op === 'in' ? (
        <TagsInput
          aria-label="Values"
          w={240}
          data={f?.enumValues ?? []}
          value={(leaf.values ?? []).map(String)}
          onChange={(v) => onChange({ ...leaf, values: v })}
        />
      ) : leaf.op === 'between' ? (
        <Group gap={4}>
          {[0, 1].map((i) => (
            <TextInput
              key={i}
              aria-label={i === 0 ? 'From' : 'To'}
              w={120}
              placeholder={type === 'date' ? 'YYYY-MM-DD' : ''}
              value={String(leaf.values?.[i] ?? '')}
              onChange={(e) => {
                const vals = [...(leaf.values ?? ['', ''])];
                vals[i] = type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value;
                onChange({ ...leaf, values: vals as Scalar[] });
              }}
            />
          ))}
        </Group>
      ) : type === 'enum' ? (
        <Select
          aria-label="Value"
          w={180}
          data={f?.enumValues ?? []}
          value={typeof leaf.value === 'string' ? leaf.value : null}
          onChange={(v) => onChange({ ...leaf, value: v ?? undefined })}
        />
      ) : type === 'boolean' ? (
        <Select
          aria-label="Value"
          w={120}
          data={['true', 'false']}
          value={leaf.value === undefined ? null : String(leaf.value)}
          onChange={(v) => onChange({ ...leaf, value: v === 'true' })}
        />
      ) : type === 'number' ? (
        <NumberInput
          aria-label="Value"
          w={140}
          value={typeof leaf.value === 'number' ? leaf.value : ''}
          onChange={(v) => onChange({ ...leaf, value: num(v) })}
        />
      ) : (
        <TextInput
          aria-label="Value"
          w={200}
          placeholder={type === 'date' ? 'YYYY-MM-DD' : ''}
          value={String(leaf.value ?? '')}
          onChange={(e) => onChange({ ...leaf, value: e.currentTarget.value })}
        />
      );
      return (
        <Group gap="xs" wrap="wrap">
          <Select
            aria-label="Field"
            searchable
            w={220}
            data={groups}
            value={leaf.field}
            allowDeselect={false}
            onChange={(v) => {
              const nt = fields.find((x) => x.value === v)?.type ?? 'text';
              onChange({ kind: 'compare', field: v!, op: opsFor(nt)[0] as CompareOp });
            }}
          />
          <Select
            aria-label="Operator"
            w={210}
            allowDeselect={false}
            data={opsFor(type).map((o) => ({ value: o, label: opLabels[o]! }))}
            value={leaf.op}
            onChange={(v) =>
              onChange({ kind: 'compare', field: leaf.field, op: v as typeof leaf.op })
            }
          />
          {valueInput}
        </Group>
      );
    }
    case 'tags':
      return (
        <Group gap="xs">
          <Select
            aria-label="Has or has not"
            w={130}
            allowDeselect={false}
            data={[
              { value: 'has', label: 'has tag' },
              { value: 'has_not', label: 'has no tag' },
            ]}
            value={leaf.op}
            onChange={(v) => onChange({ ...leaf, op: v as 'has' })}
          />
          <TextInput
            aria-label="Tag"
            w={180}
            value={leaf.tag}
            onChange={(e) => onChange({ ...leaf, tag: e.currentTarget.value })}
          />
          <Select
            aria-label="Whose tags"
            w={170}
            allowDeselect={false}
            value={leaf.of ?? 'self'}
            onChange={(v) => onChange({ ...leaf, of: v as 'self' })}
            data={[
              {
                value: 'self',
                label: subject === 'accounts' ? 'on the account' : 'on the contact',
              },
              subject === 'accounts'
                ? { value: 'parent', label: 'on its parent' }
                : { value: 'account', label: 'on its account' },
            ]}
          />
        </Group>
      );
    case 'has_parent':
      return (
        <Select
          aria-label="Hierarchy"
          w={220}
          allowDeselect={false}
          value={String(leaf.value)}
          onChange={(v) => onChange({ ...leaf, value: v === 'true' })}
          data={[
            { value: 'true', label: 'has a parent account' },
            { value: 'false', label: 'is a top-level account' },
          ]}
        />
      );
    case 'task_stat':
      return (
        <Group gap="xs" wrap="wrap">
          <Select
            aria-label="Tasks"
            w={150}
            allowDeselect={false}
            value={leaf.metric}
            onChange={(v) => onChange({ ...leaf, metric: v as 'open' })}
            data={[
              { value: 'overdue', label: 'Overdue tasks' },
              { value: 'open', label: 'Open tasks' },
              { value: 'created', label: 'Created tasks' },
              { value: 'completed', label: 'Completed tasks' },
            ]}
          />
          <Select
            aria-label="Comparison"
            w={110}
            allowDeselect={false}
            value={leaf.op}
            onChange={(v) => onChange({ ...leaf, op: v as 'gte' })}
            data={[
              { value: 'gte', label: 'at least' },
              { value: 'lte', label: 'at most' },
              { value: 'eq', label: 'exactly' },
            ]}
          />
          <NumberInput
            aria-label="Number of tasks"
            w={90}
            min={0}
            value={leaf.value}
            onChange={(v) => onChange({ ...leaf, value: Number(v) || 0 })}
          />
          <PlaySelect
            aria-label="Only from play"
            placeholder="from any play"
            clearable
            w={190}
            value={leaf.playId ?? null}
            onChange={(v) => onChange({ ...leaf, playId: v ?? undefined })}
          />
          <FlowSelect
            aria-label="Only in flow"
            placeholder="in any flow"
            clearable
            w={150}
            value={leaf.flowId ?? null}
            onChange={(v) => onChange({ ...leaf, flowId: v ?? undefined })}
          />
          {(leaf.metric === 'created' || leaf.metric === 'completed') && (
            <NumberInput
              aria-label={`${leaf.metric === 'created' ? 'Created' : 'Completed'} in the last N days`}
              placeholder="in the last N days (any time)"
              w={210}
              min={1}
              value={leaf.periodDays ?? ''}
              onChange={(v) => onChange({ ...leaf, periodDays: v === '' ? undefined : Number(v) })}
            />
          )}
        </Group>
      );
    default:
      return (
        <Select
          aria-label="Segment"
          w={260}
          placeholder="Choose a segment"
          value={leaf.segmentId || null}
          onChange={(v) => onChange({ ...leaf, segmentId: v ?? '' })}
          data={(segments.data ?? [])
            .filter((s) => s.subject === subject && s.id !== segmentId)
            .map((s) => ({ value: s.id, label: s.name }))}
        />
      );
  }
}

type Props = {
  subject: Subject;
  value: Criteria | null;
  onChange: (c: Criteria | null) => void;
  errors?: Record<number, string>;
  segmentId?: string;
};

export function CriteriaBuilder({ subject, value, onChange, errors = {}, segmentId }: Props) {
  const fields = useFields(subject);
  const model = toModel(value);
  const [json, setJson] = useState<string | null>(model ? null : JSON.stringify(value, null, 2));
  if (!model || json !== null) {
    return (
      <JsonInput
        label="Criteria (JSON)"
        description="This criteria tree is nested deeper than the builder shows; edit it as JSON."
        autosize
        minRows={6}
        value={json ?? ''}
        onChange={(v) => {
          setJson(v);
          try {
            onChange(JSON.parse(v) as Criteria);
          } catch {
            /* keep typing */
          }
        }}
        validationError="Not valid JSON"
        formatOnBlur
        // No rows to mark in JSON mode: the condition errors are listed under the editor.
        error={
          Object.entries(errors)
            .map(([i, m]) => `Condition ${Number(i) + 1}: ${m}`)
            .join(' · ') || undefined
        }
      />
    );
  }
  const set = (m: Model) => onChange(fromModel(m));
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm">Match</Text>
        <SegmentedControl
          size="xs"
          value={model.mode}
          onChange={(v) => set({ ...model, mode: v as 'and' })}
          aria-label="Match all or any"
          data={[
            { value: 'and', label: 'all' },
            { value: 'or', label: 'any' },
          ]}
        />
        <Text size="sm">of these conditions</Text>
      </Group>
      {model.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No conditions yet: add one below.
        </Text>
      )}
      {model.rows.map((row, i) => (
        <Paper
          key={i}
          withBorder
          p="xs"
          role="group"
          aria-label={`Condition ${i + 1}`}
          style={errors[i] ? { borderColor: 'var(--mantine-color-red-8)' } : undefined}
        >
          {/* Wraps on a phone: the condition's fields go below its type instead of off the screen. */}
          <Group gap="xs" align="flex-start">
            <Select
              aria-label="Condition type"
              w={150}
              allowDeselect={false}
              data={kinds}
              value={row.leaf.kind === 'not_in_segment' ? 'not_in_segment' : row.leaf.kind}
              onChange={(k) =>
                set({
                  ...model,
                  rows: model.rows.map((r, j) =>
                    j === i ? { ...r, leaf: newLeaf(k as Leaf['kind']) } : r,
                  ),
                })
              }
            />
            <Stack gap={4} style={{ flex: '1 1 240px', minWidth: 0 }}>
              <LeafEditor
                leaf={row.leaf}
                fields={fields}
                subject={subject}
                segmentId={segmentId}
                onChange={(leaf) =>
                  set({ ...model, rows: model.rows.map((r, j) => (j === i ? { ...r, leaf } : r)) })
                }
              />
              {errors[i] && (
                <Text size="xs" c="red.8" role="alert">
                  {errors[i]}
                </Text>
              )}
            </Stack>
            <Checkbox
              label="not"
              mt={8}
              checked={row.negate}
              onChange={(e) => {
                const negate = e.currentTarget.checked;
                set({ ...model, rows: model.rows.map((r, j) => (j === i ? { ...r, negate } : r)) });
              }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={`Remove condition ${i + 1}`}
              onClick={() => set({ ...model, rows: model.rows.filter((_, j) => j !== i) })}
            >
              ✕
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            set({ ...model, rows: [...model.rows, { negate: false, leaf: newLeaf('compare') }] })
          }
        >
          Add condition
        </Button>
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setJson(JSON.stringify(value ?? { kind: 'and', items: [] }, null, 2))}
        >
          Edit as JSON
        </Button>
      </Group>
    </Stack>
  );
}

/** Maps API detail paths like `body.criteria.items.2.field` to the row they concern. */
export function criteriaRowErrors(
  details: Array<{ path: string; message: string }>,
  prefix = 'criteria',
): { rows: Record<number, string>; rest: string[] } {
  const rows: Record<number, string> = {};
  const rest: string[] = [];
  for (const d of details) {
    const m = new RegExp(`(?:^|\\.)${prefix}\\.items\\.(\\d+)`).exec(d.path);
    // Several problems on one condition are all shown.
    if (m)
      rows[Number(m[1])] = rows[Number(m[1])] ? `${rows[Number(m[1])]}; ${d.message}` : d.message;
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  return { rows, rest };
}
