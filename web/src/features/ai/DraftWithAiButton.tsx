// The "Draft with AI" button beside a description editor: proposes text the user then edits.
import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import { useAiStatus, useDraftDescription } from './api';

/** `source` is read at click time, so forms that do not re-render on typing still send what was typed. */
type Props = {
  source: () => { accountId: string | null; title: string };
  onDraft: (html: string) => void;
};

/** Renders nothing where AI text is unavailable (not configured, or off for the workspace). */
export function DraftWithAiButton({ source, onDraft }: Props) {
  const status = useAiStatus();
  const draft = useDraftDescription();
  if (!status.data?.available) return null;
  const run = () => {
    const { accountId, title } = source();
    const missing = !accountId
      ? 'Choose the account first.'
      : !title.trim()
        ? 'Enter a title first.'
        : null;
    if (missing) {
      notifications.show({ color: 'yellow', title: 'Draft with AI', message: missing });
      return;
    }
    draft.mutate(
      { accountId: accountId!, title: title.trim() },
      {
        onSuccess: (r) => onDraft(r.description),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not draft', message: errorMessage(e) }),
      },
    );
  };
  return (
    <Tooltip label="Proposes a description from the account's data and the title; edit it before saving">
      <Button variant="light" size="xs" loading={draft.isPending} onClick={run}>
        Draft with AI
      </Button>
    </Tooltip>
  );
}
