// One sentence per feed item, shared by the web app and the server's tests. Pure: no imports but the
// feed kinds, so both tsconfigs compile it. Payloads are read defensively (an old row may lack a
// newer key), and a missing name becomes a word, never an empty gap.
import type { FeedItem, FeedPerson, FeedPlay } from './kinds.ts';

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const name = (p: FeedPerson | FeedPlay | null | undefined, otherwise: string) =>
  (p && typeof p === 'object' && text(p.name)) || otherwise;
const quoted = (v: unknown, otherwise: string) => (text(v) ? `"${text(v)}"` : otherwise);
const byPlay = (p: FeedPlay | null | undefined) =>
  p && text(p.name) ? ` (play "${text(p.name)}")` : '';

/** The sentence a person reads in the feed. Names come from the record today when it is still there. */
export function describeFeedItem(item: FeedItem): string {
  const account = item.account?.name || text(item.payload.accountName) || 'an account';
  const task = quoted(
    item.task?.title || text('title' in item.payload ? item.payload.title : ''),
    'a task',
  );
  switch (item.kind) {
    case 'celebrate':
      return `🎉 ${text(item.payload.message)} — ${account}${byPlay(item.payload.play)}`;
    case 'notify':
      return `${text(item.payload.message)} — ${account}${byPlay(item.payload.play)}`;
    case 'task_assigned': {
      const p = item.payload;
      const who = p.by
        ? name(p.by, 'Someone')
        : p.play
          ? `The play "${name(p.play, '')}"`
          : 'Someone';
      return p.reassigned
        ? `${who} reassigned ${task} on ${account} to you.`
        : `${who} assigned you ${task} on ${account}.`;
    }
    case 'task_outcome': {
      const p = item.payload;
      const outcome = text(p.outcome) ? ` with the outcome "${text(p.outcome)}"` : '';
      return `${name(p.completedBy, 'Someone')} completed ${task} on ${account}${outcome}.`;
    }
    case 'webhook_failed': {
      const p = item.payload;
      const where = item.account || text(p.accountName) ? ` for ${account}` : '';
      const why = text(p.error) ? `: ${text(p.error)}` : '';
      const attempts = Number(p.attempts) || 0;
      return `Webhook ${quoted(p.webhook, 'delivery')} gave up${where} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}${why}.`;
    }
  }
}

/** Where an item leads: webhook deliveries, its task (opened over My Portfolio) or its account. */
export function feedItemLink(item: FeedItem): string | null {
  if (item.kind === 'webhook_failed') return '/webhooks';
  if (item.task) return `/portfolio?task=${item.task.id}`;
  if (item.account) return `/accounts/${item.account.id}`;
  return null;
}
