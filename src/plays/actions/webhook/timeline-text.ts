// Pure (types only): timeline/describe-event.ts renders these in the web app too.
import type { TimelinePayloads } from '../../../timeline/events.ts';

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const quoted = (v: unknown, otherwise: string) => (text(v) ? `"${text(v)}"` : otherwise);
const status = (p: { statusCode?: unknown }) =>
  typeof p.statusCode === 'number' ? ` (HTTP ${p.statusCode})` : '';

/** The account timeline's sentence for a delivery's outcome. */
export const webhookText = {
  webhook_succeeded: (p: TimelinePayloads['webhook_succeeded']) =>
    `Webhook ${quoted(p.webhook, '(unnamed)')} delivered${status(p)}`,
  webhook_failed: (p: TimelinePayloads['webhook_failed']) => {
    const tries =
      typeof p.attempts === 'number' && p.attempts > 1 ? ` after ${p.attempts} attempts` : '';
    return `Webhook ${quoted(p.webhook, '(unnamed)')} failed${tries}${status(p)}${text(p.error) ? `: ${text(p.error)}` : ''}${p.disabled ? ' — disabled for this play' : ''}`;
  },
};
