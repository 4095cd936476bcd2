// One confirm step before any settings delete: a click on the wrong row must not remove shared configuration.
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/** Asks "Delete <what> “<name>”?" and runs `onConfirm` only when the admin confirms. */
export function confirmDelete({
  what,
  name,
  consequence,
  onConfirm,
}: {
  what: string;
  name: string;
  consequence: string;
  onConfirm: () => void;
}) {
  modals.openConfirmModal({
    title: `Delete ${what} “${name}”?`,
    children: <Text size="sm">{consequence} This cannot be undone.</Text>,
    labels: { confirm: `Delete ${what}`, cancel: 'Keep it' },
    confirmProps: { color: 'red' },
    onConfirm,
  });
}
