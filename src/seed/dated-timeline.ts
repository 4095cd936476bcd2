import type { Db } from '../db/client.ts';
import { timelineEvents } from '../db/schema/index.ts';
import { insertChunked } from './insert-chunked.ts';
import type { TimelineRow } from './plan-history.ts';

/** Timeline entries held back until the demo's history reaches their dates, then written in date order. */
export type DatedTimeline = {
  add(rows: TimelineRow[]): void;
  upTo(at: Date): Promise<void>;
  rest(): Promise<void>;
};

/**
 * Timelines read newest id first, so ids must follow dates: the baseline's entries dated after the
 * showcase's history begins, and the history's own, wait here and are written between the
 * showcase's steps (taken on a clock set back) as each step's date comes.
 */
export function datedTimeline(db: Db, baseline: TimelineRow[]): DatedTimeline {
  let pending = baseline;
  const write = async (n: number) => {
    await insertChunked(db, timelineEvents, pending.slice(0, n));
    pending = pending.slice(n);
  };
  return {
    // A stable sort: entries of one instant keep the order they were added in.
    add: (rows) => {
      pending = [...pending, ...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async upTo(at) {
      const later = pending.findIndex((r) => r.createdAt > at);
      await write(later === -1 ? pending.length : later);
    },
    rest: () => write(pending.length),
  };
}
