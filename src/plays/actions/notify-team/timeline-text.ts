// Pure (types only): timeline/describe-event.ts renders these in the web app too.
import type { TimelinePayloads } from '../../../timeline/events.ts';

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
const byPlay = (p: { playName?: unknown }) =>
  text(p.playName) ? ` (play "${text(p.playName)}")` : '';

/** The account timeline's sentence for a celebration or a team notice. */
export const notifyTeamText = {
  celebrate: (p: TimelinePayloads['celebrate']) => `🎉 ${text(p.message)}${byPlay(p)}`,
  notify: (p: TimelinePayloads['notify']) => `${text(p.message)}${byPlay(p)}`,
};
