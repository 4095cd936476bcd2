// Human names for a play's actions and results, so runs and dry runs never show bare action ids.
import { runResultLabel, skipReasonLabel } from '@/lib/labels';
import { actionKind, actionLabel } from './actions/registry';
import type { Action } from './types';

/** The action id of held-out records' results (the server's HOLDOUT_ACTION_ID): they belong to no action. */
const HOLDOUT_ACTION_ID = 'holdout';

/** "2. Create task: Welcome call…" for the action with this id; the id itself if the action was removed since. */
export function actionName(actions: Action[], actionId: string): string {
  if (actionId === HOLDOUT_ACTION_ID) return 'Holdout (no action)';
  const i = actions.findIndex((a) => a.id === actionId);
  if (i < 0) return `Removed action (${actionId})`;
  const a = actions[i]!;
  const subject = actionKind(a.type).summary(a).trim();
  return `${i + 1}. ${actionLabel(a.type)}${subject ? `: ${subject.length > 60 ? `${subject.slice(0, 57)}…` : subject}` : ''}`;
}

/** "skipped_open_task" → "Skipped: an open task already exists": the result code in words (lib/labels.ts). */
export const resultLabel = runResultLabel;

/** The result with its reason when it has one: "Skipped — the account has no parent account". */
export const resultText = (result: string, detail: Record<string, unknown>) =>
  typeof detail.reason === 'string' && detail.reason
    ? `${resultLabel(result)} — ${skipReasonLabel(detail.reason)}`
    : resultLabel(result);

/** The line under a list of results when some records are outside the caller's teams. */
export const hiddenNote = (n: number | undefined) =>
  n
    ? `${n} record${n === 1 ? '' : 's'} outside your teams ${n === 1 ? 'is' : 'are'} counted but not listed.`
    : null;
