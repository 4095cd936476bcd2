import type { SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Play } from '../queries.ts';

/** Everything one firing needs; `targets` is a subquery yielding `record_id` (account or contact ids). */
export type FireCtx = {
  deps: Deps;
  tx: DbOrTx;
  play: Play;
  runId: string;
  targets: SQL;
  today: string;
  now: Date;
  /** Plays that already fired in this event chain (loop protection). */
  chain: string[];
  dryRun: boolean;
  triggeredBy: string | null;
};

export type ActionCounts = { created: number; skipped: number; errors: number; other: number };
export const noCounts = (): ActionCounts => ({ created: 0, skipped: 0, errors: 0, other: 0 });

/** Longest chain of plays triggering plays (through their writes) before the engine stops. */
export const MAX_CHAIN_DEPTH = 5;
