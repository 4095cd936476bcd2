import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { queryRows } from '../db/rows.ts';
import { playEntriesSql } from '../plays/holdout.ts';
import type { Play } from '../plays/queries.ts';

/** Below this many records in either group the comparison is not telling yet. */
export const HOLDOUT_MIN_RECORDS = 30;

const group = (records: number, reachedGoal: number) => ({
  records,
  reachedGoal,
  rate: records === 0 ? null : reachedGoal / records,
});

/**
 * Treated records against the held-out ones (SPEC §5): per record its first entry into the play,
 * and whether it reached the goal within `windowDays` of it (the score's evaluation window). A
 * record a manual run treated after it was held out counts as treated.
 */
export async function holdoutComparison(db: DbOrTx, play: Play, windowDays: number) {
  const rows = await queryRows<{ held: boolean; records: number; reached: number }>(
    db,
    sql`with e as (select record_id, min(entered_at) as entered_at, bool_and(held_out) as held
        from (${playEntriesSql(play.id)}) x group by record_id)
    select e.held, count(*)::int as records, count(*) filter (where exists (select 1 from play_goals pg
      where pg.play_id = ${play.id}::uuid and pg.record_id = e.record_id and pg.reached_at >= e.entered_at
        and pg.reached_at <= e.entered_at + ${`${windowDays} days`}::interval))::int as reached
    from e group by e.held`,
  );
  const of = (held: boolean) => rows.find((r) => r.held === held);
  const treated = group(of(false)?.records ?? 0, of(false)?.reached ?? 0);
  const heldOut = group(of(true)?.records ?? 0, of(true)?.reached ?? 0);
  return {
    percent: play.holdoutPercent,
    treated,
    heldOut,
    lift:
      treated.rate === null || heldOut.rate === null
        ? null
        : Math.round((treated.rate - heldOut.rate) * 1000) / 10,
    tooSmall: Math.min(treated.records, heldOut.records) < HOLDOUT_MIN_RECORDS,
  };
}
