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
      // The calendar's arrow buttons have no text: screen readers need their names (axe button-name).
      ariaLabels={{
        previousMonth: 'Previous month',
        nextMonth: 'Next month',
        previousYear: 'Previous year',
        nextYear: 'Next year',
        previousDecade: 'Previous decade',
        nextDecade: 'Next decade',
        monthLevelControl: 'Choose the month',
        yearLevelControl: 'Choose the year',
      }}
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
