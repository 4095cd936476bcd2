// Events that end a journey's wait early: its task completed, or its record changed (criteria waits
// and exit criteria). The journeys are woken (wake_at = now) and advanced at once in the consumer's
// transaction; if that fails they stay due for the next drain.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray } from '../../db/arrays.ts';
import type { ChangeRow } from '../engine/change-row.ts';
import type { fireRunFor } from '../engine/fire.ts';
import { describeError, isTransient } from '../engine/errors.ts';
import type { Play } from '../queries.ts';
import { advanceStates, batchCtx } from './advance.ts';
import { JOURNEY_COLUMNS, toState, type JourneyRow } from './state.ts';

export async function wakeJourneys(
  tx: DbOrTx,
  deps: Deps,
  events: ChangeRow[],
  plays: Play[],
  now: Date,
  fire: typeof fireRunFor,
) {
  const journeyPlays = plays.filter((p) => p.steps?.length);
  const completed = events.filter((e) => e.entity === 'task' && e.kind === 'completed');
  // A play's task names its play: its journeys wake even when the play was disabled meanwhile.
  const taskPlays = [
    ...new Set(
      completed.map((e) => e.payload.playId).filter((x): x is string => typeof x === 'string'),
    ),
  ];
  if ((journeyPlays.length === 0 && taskPlays.length === 0) || events.length === 0) return;
  const taskIds = completed.map((e) => e.entity_id);
  const taskAccounts = events
    .filter((e) => e.entity === 'task' && e.kind === 'completed' && e.account_id)
    .map((e) => e.account_id!);
  const records = events
    .filter((e) => e.entity === 'account' || e.entity === 'contact')
    .map((e) => e.entity_id);
  const ids = uuidArray(journeyPlays.map((p) => p.id));
  const withExit = uuidArray(journeyPlays.filter((p) => p.exitRules?.criteria).map((p) => p.id));
  // Index lookups by (play, record) pairs only (journeys_record_idx), never a scan of every waiting journey.
  const woken = await queryRows<{ id: string }>(
    tx,
    sql`with k as (
        select p, r, false as task from unnest(${ids}) p cross join unnest(${uuidArray(records)}) r
        union all
        select p, r, true from unnest(${uuidArray(taskPlays)}) p cross join (select unnest(${uuidArray(taskAccounts)})
          union select tc.contact_id from task_contacts tc where tc.task_id = any(${uuidArray(taskIds)})) t(r))
      update journeys j set wake_at = ${now} from k
      where j.play_id = k.p and j.record_id = k.r and j.ended_at is null and (
        (not k.task and (j.waiting_for->>'kind' = 'criteria' or j.play_id = any(${withExit})))
        or (k.task and exists (select 1 from jsonb_array_elements_text(j.waiting_for->'taskIds') t where t::uuid = any(${uuidArray(taskIds)}))))
      returning j.id`,
  );
  if (woken.length === 0) return;
  try {
    await tx.transaction(async (sp) => {
      const rows = await queryRows<JourneyRow>(
        sp,
        sql`select ${JOURNEY_COLUMNS} from journeys j where j.id = any(${uuidArray(woken.map((w) => w.id))}) and j.ended_at is null for update skip locked`,
      );
      await advanceStates(batchCtx(deps, sp, now, { fireRunFor: fire }), rows.map(toState));
    });
  } catch (err) {
    if (isTransient(err)) throw err;
    if (deps.config.LOG_LEVEL !== 'silent')
      console.error(
        '[journeys] advancing after a change failed (they stay due):',
        describeError(err),
      );
  }
}
