// Closing a dialog that holds typed input asks first, so a stray Esc or click outside loses nothing.
import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/** Closes at once when nothing was typed; otherwise asks "Discard your changes?" first. */
export function closeOrConfirmDiscard(dirty: boolean, close: () => void) {
  if (!dirty) {
    close();
    return;
  }
  modals.openConfirmModal({
    title: 'Discard your changes?',
    children: <Text size="sm">What you typed in this dialog will be lost.</Text>,
    labels: { confirm: 'Discard', cancel: 'Keep editing' },
    confirmProps: { color: 'red' },
    onConfirm: close,
  });
}
