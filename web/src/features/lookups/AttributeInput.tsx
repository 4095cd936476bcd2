// One input for a custom attribute, chosen by its definition's type.
import { NumberInput, Select, Switch, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { AttributeDef } from './api';
import { UserSelect } from './pickers';

type Props = {
  def: AttributeDef;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string | null;
  label?: string;
  required?: boolean;
};

export function AttributeInput({
  def,
  value,
  onChange,
  error,
  label = def.label,
  required,
}: Props) {
  const common = { label, error, required };
  switch (def.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          value={
            typeof value === 'number'
              ? value
              : value === null || value === undefined
                ? ''
                : Number(value)
          }
          onChange={(v) => onChange(v === '' ? null : Number(v))}
        />
      );
    case 'boolean':
      return (
        <Switch
          label={label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          clearable
          valueFormat="MMM D, YYYY"
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? null)}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          clearable
          data={def.enumValues ?? []}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
    case 'user':
      return (
        <UserSelect
          {...common}
          clearable
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={
            typeof value === 'string'
              ? value
              : value === null || value === undefined
                ? ''
                : String(value)
          }
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

/** Display text for a stored attribute value. */
export function attributeText(
  def: AttributeDef | undefined,
  value: unknown,
  userName?: (id: string) => string | undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (def?.type === 'boolean') return value ? 'Yes' : 'No';
  if (def?.type === 'user' && typeof value === 'string') return userName?.(value) ?? value;
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
