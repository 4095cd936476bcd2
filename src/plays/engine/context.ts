import type { SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Play } from '../queries.ts';
import type { PlayEnv } from './env.ts';
import type { fireRunFor } from './fire.ts';

/** What every firing of a play shares, whatever its trigger. */
export type FireBase = {
  deps: Deps;
  tx: DbOrTx;
  play: Play;
  env: PlayEnv;
  /** Plays that already fired in this event chain (loop protection). */
  chain: string[];
  dryRun: boolean;
  triggeredBy: string | null;
};

/** One chunk of one firing; `targets` is a subquery yielding `record_id` (account or contact ids). */
export type FireCtx = FireBase & {
  runId: string;
  targets: SQL;
  /** How many ids `targets` yields (plans for large chunks avoid nested loops over CTEs). */
  count: number;
  today: string;
  now: Date;
  /** The create-task action whose statement also writes the `play_fired` timeline rows of this chunk. */
  timelineAction: string | null;
  /** Fires another play for records (the enroll action), handed in so action modules need not import the engine loop. */
  fireRunFor: typeof fireRunFor;
};

/** `wouldCreate`: tasks a dry run would create (`created` stays 0 in a dry run). */
export type ActionCounts = {
  created: number;
  wouldCreate: number;
  skipped: number;
  errors: number;
  other: number;
};
export const noCounts = (): ActionCounts => ({
  created: 0,
  wouldCreate: 0,
  skipped: 0,
  errors: 0,
  other: 0,
});

/** Longest chain of plays triggering plays (through their writes) before the engine stops. */
export const MAX_CHAIN_DEPTH = 5;

/** Targets per statement: PGlite keeps whole statements in WASM memory, PostgreSQL prefers few large ones. */
export const chunkSize = (kind: 'pglite' | 'postgres') => (kind === 'pglite' ? 10_000 : 100_000);

/** Above this many rows per chunk, hash joins only: CTE row estimates are guesses and a nested loop over two CTEs is O(N²). */
export const LARGE_CHUNK = 500;
