// A date input for forms and dialogs. Inside a dialog, Esc closes the open calendar first and only a
// second Esc closes the dialog: the input carries Mantine's stop-propagation flag while the calendar is open.
import { useState } from 'react';
import { DateInput, type DateInputProps } from '@mantine/dates';

export function DateField({
  onFocus,
  onBlur,
  onClick,
  onKeyDown,
  onChange,
  ...props
}: DateInputProps) {
  const [open, setOpen] = useState(false);
  return (
    <DateInput
      valueFormat="MMM D, YYYY"
      {...props}
      data-mantine-stop-propagation={open ? 'true' : undefined}
      onFocus={(e) => {
        setOpen(true);
        onFocus?.(e);
      }}
      onClick={(e) => {
        setOpen(true);
        onClick?.(e);
      }}
      onBlur={(e) => {
        setOpen(false);
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
        onKeyDown?.(e);
      }}
      onChange={(v) => {
        setOpen(false);
        onChange?.(v);
      }}
    />
  );
}
