// The holdout (SPEC §5): a fixed share of entering records gets no actions, so effectiveness can
// compare treated records with untreated ones. One rule for plain plays and journey plays.
import { sql, type SQL } from 'drizzle-orm';

/** The `action_id` of held-out results: they belong to no action of the play (so no action may use it). */
export const HOLDOUT_ACTION_ID = 'holdout';

/**
 * SQL boolean: whether `record` is held out of the play. Deterministic per record and play (a hash
 * of both ids, bucketed 0–99), so the same record is always in the same group of the same play.
 */
export const heldOutSql = (play: { id: string; holdoutPercent: number }, record: SQL) =>
  sql`(((hashtext(${play.id}::text || ${record}::text) % 100) + 100) % 100) < ${play.holdoutPercent}::int`;

/**
 * SQL: every entry of records into the play, `(record_id, entered_at, held_out)`: firings that
 * created a task or held the record out, and journeys (held out or not). Goals are recorded for
 * these records and effectiveness compares the two groups, so both are measured the same way.
 */
export const playEntriesSql = (playId: string) =>
  sql`select r.record_id, r.created_at as entered_at, r.result = 'held_out' as held_out from play_run_results r
    where r.play_id = ${playId}::uuid and r.result in ('created', 'held_out')
  union all select j.record_id, j.entered_at, j.holdout from journeys j where j.play_id = ${playId}::uuid`;
