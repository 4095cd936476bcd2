// What a tab receives: Server-Sent Events frames. `change` carries {entity, kind, accountId, ids}
// groups; `reset` asks the tab to refresh everything (too many changes at once, or a gap it cannot replay).
import type { LiveRow } from './queries.ts';

/** One group of changes: the same entity, kind and account. `ids` is empty when there were more than MAX_IDS. */
export type LiveChange = {
  /** `play_run` (kind `fired`): a play run created tasks on the account; they are committed. */
  entity: LiveRow['entity'];
  kind: LiveRow['kind'];
  accountId: string | null;
  ids: string[];
};

/** A row as sent. */
export type LiveOut = Pick<LiveRow, 'entity' | 'kind' | 'entityId' | 'accountId'>;

/** Ids listed per group; beyond this a group names its account only (the tab refreshes all of it). */
export const MAX_IDS = 100;
/** Groups per message; beyond this the tab is told to refresh everything instead. */
export const MAX_GROUPS = 300;

/** Groups rows by entity, kind and account, in first-seen order; null when there are too many groups. */
export function groupChanges(rows: LiveOut[]): LiveChange[] | null {
  const groups = new Map<string, LiveChange & { all: Set<string> }>();
  for (const r of rows) {
    const key = `${r.entity}|${r.kind}|${r.accountId ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      if (groups.size >= MAX_GROUPS) return null;
      g = { entity: r.entity, kind: r.kind, accountId: r.accountId, ids: [], all: new Set() };
      groups.set(key, g);
    }
    g.all.add(r.entityId);
  }
  return [...groups.values()].map(({ all, ...g }) => ({
    ...g,
    ids: all.size > MAX_IDS ? [] : [...all],
  }));
}

/** One SSE frame (`id` lets the browser send Last-Event-ID when it reconnects). */
export function frame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The frame for a batch a tab may see: `change`, or `reset` when it is too large to list. */
export function changeFrame(rows: LiveOut[], id: number): string {
  const changes = groupChanges(rows);
  return changes ? frame('change', { changes }, id) : frame('reset', { reason: 'many' }, id);
}
