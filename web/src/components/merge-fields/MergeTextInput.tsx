// A text input or textarea for text with merge fields: an "Add data" button above it inserts the
// chosen field at the cursor (or in place of the selection).
import { useRef } from 'react';
import { Group, Stack, TextInput, Textarea } from '@mantine/core';
import { AddDataButton, type MergeDestination, type MergeSubject } from './AddDataButton';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  destination: MergeDestination;
  subject?: MergeSubject;
  multiline?: boolean;
  required?: boolean;
  description?: string;
  placeholder?: string;
  error?: string;
  minRows?: number;
};

export function MergeTextInput({
  destination,
  subject,
  multiline,
  value,
  onChange,
  minRows,
  ...rest
}: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const insert = (text: string) => {
    const el = ref.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + text + value.slice(end));
    // After React has written the new value: the cursor goes right after the inserted field.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const common = {
    ...rest,
    value,
    onChange: (ev: { currentTarget: { value: string } }) => onChange(ev.currentTarget.value),
  };
  return (
    <Stack gap={2}>
      <Group justify="flex-end" h={0} style={{ overflow: 'visible', zIndex: 1 }}>
        <AddDataButton
          destination={destination}
          subject={subject}
          fieldLabel={rest.label}
          onPick={insert}
        />
      </Group>
      {multiline ? (
        <Textarea ref={ref} autosize minRows={minRows ?? 2} {...common} />
      ) : (
        <TextInput ref={ref} {...common} />
      )}
    </Stack>
  );
}
