// Times and waits in words for people, in the reader's own time zone (the browser's):
// "Tue, Dec 8, 2026, 9:00 AM (in 3 days)".
import { journeyWaitKindLabels } from '@/lib/labels';
import type { WaitingFor } from './api';

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "in 3 days", "2 hours ago", "in 5 minutes". */
export function fromNow(iso: string, now = Date.now()): string {
  const s = (new Date(iso).getTime() - now) / 1000;
  const a = Math.abs(s);
  if (a < 3600) return relative.format(Math.round(s / 60), 'minute');
  if (a < 86_400 * 2) return relative.format(Math.round(s / 3600), 'hour');
  return relative.format(Math.round(s / 86_400), 'day');
}

export const whenWords = (iso: string | null | undefined) =>
  iso ? `${dateTime.format(new Date(iso))} (${fromNow(iso)})` : '—';

const orList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;

/** "Waiting for a task to be completed with Interested or Left a message, until Tue, Dec 8 …". */
export function waitingWords(w: WaitingFor): string {
  const until = whenWords(w.until);
  switch (w.kind) {
    case 'time':
      return `${journeyWaitKindLabels.time}, until ${until}`;
    case 'task_completed':
      return `${journeyWaitKindLabels.task_completed}${
        w.outcomes?.length ? ` with ${orList(w.outcomes)}` : ''
      }; time runs out ${until}`;
    case 'criteria':
      return `${journeyWaitKindLabels.criteria}; time runs out ${until}`;
  }
}
