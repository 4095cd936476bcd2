// One column's filter: a condition suited to its type and a value (number, date, choice, user, text).
import { useState } from 'react';
import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useUsers } from '@/features/lookups/api';
import type { ListColumn } from './columns';
import { opsFor, valueless } from './filter-ops';
import type { ColumnFilter, FilterOp } from './url-state';

export function ColumnFilterControl({
  column,
  filter,
  onChange,
}: {
  column: ListColumn;
  filter: ColumnFilter | undefined;
  onChange: (next: ColumnFilter | null) => void;
}) {
  const ops = opsFor(column.kind);
  // The condition is kept while no value is typed yet; the URL holds only complete filters.
  const [draftOp, setDraftOp] = useState<FilterOp>(filter?.op ?? ops[0]![0]);
  const op = filter?.op ?? draftOp;
  const commit = (nextOp: FilterOp, value: string | undefined) =>
    onChange(
      valueless(nextOp)
        ? { column: column.id, op: nextOp }
        : value
          ? { column: column.id, op: nextOp, value }
          : null,
    );
  const value = filter?.value;
  const common = { 'aria-label': `${column.label} value`, w: 130, size: 'sm' as const };
  return (
    <Group gap={4} wrap="nowrap" align="flex-end">
      <Select
        label={column.label}
        aria-label={`${column.label} condition`}
        data={ops.map(([v, label]) => ({ value: v, label }))}
        value={op}
        allowDeselect={false}
        onChange={(v) => {
          const next = (v ?? ops[0]![0]) as FilterOp;
          setDraftOp(next);
          if (valueless(next) || value) commit(next, value);
          else if (filter) onChange(null);
        }}
        w={150}
        size="sm"
      />
      {!valueless(op) && (
        <ValueInput column={column} value={value} onChange={(v) => commit(op, v)} common={common} />
      )}
    </Group>
  );
}

function ValueInput({
  column,
  value,
  onChange,
  common,
}: {
  column: ListColumn;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  common: { 'aria-label': string; w: number; size: 'sm' };
}) {
  const users = useUsers();
  switch (column.kind) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={value ?? ''}
          onChange={(v) => onChange(v === '' ? undefined : String(v))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={value ?? ''}
          onChange={(e) => onChange(e.currentTarget.value || undefined)}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          clearable
          data={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          value={value ?? null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          clearable
          data={column.enumValues ?? []}
          value={value ?? null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'user':
    case 'role':
      return (
        <Select
          {...common}
          w={170}
          clearable
          searchable
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={value ?? null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    default:
      return <TextFilter common={common} value={value} onChange={onChange} />;
  }
}

/** Free text is committed when typing pauses (Enter or leaving the field), not on every key. */
function TextFilter({
  value,
  onChange,
  common,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  common: { 'aria-label': string; w: number; size: 'sm' };
}) {
  const [draft, setDraft] = useState(value ?? '');
  const done = () => onChange(draft.trim() || undefined);
  return (
    <TextInput
      {...common}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={done}
      onKeyDown={(e) => e.key === 'Enter' && done()}
    />
  );
}
