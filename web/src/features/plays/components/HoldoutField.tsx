// The play's holdout share (SPEC §5), for plain plays and journeys alike.
import { NumberInput } from '@mantine/core';

export function HoldoutField({
  value,
  error,
  onChange,
}: {
  value: number;
  error?: string;
  onChange: (percent: number) => void;
}) {
  return (
    <NumberInput
      label="Hold out (% of entering records)"
      description="This share of entering records, the same records every time, gets no actions, so the Effectiveness tab can compare their goal rate with the treated records'. Run now on chosen accounts never holds out."
      w={300}
      min={0}
      max={50}
      allowDecimal={false}
      suffix=" %"
      value={value}
      error={error}
      onChange={(v) => onChange(typeof v === 'number' ? v : 0)}
    />
  );
}
