// The journey interpreter (SPEC §13): claims due journeys in batches, runs their steps set-based per
// (play version, step), and writes where each one is and when to look again. One transaction per
// batch: a crash rolls it back, and journey_steps' primary key makes a step run once per visit.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { loadEnv, type PlayEnv } from '../engine/env.ts';
import type { fireRunFor } from '../engine/fire.ts';
import type { Play } from '../queries.ts';
import { meetingCriteria } from './conditions.ts';
import { endJourneys } from './exit.ts';
import { findStep } from './next-step.ts';
import { loadJourneyPlays, versionKey } from './journey-play.ts';
import { runGroup, type BatchCtx } from './run-step.ts';
import {
  assignVisits,
  JOURNEY_COLUMNS,
  toState,
  writeBack,
  type JourneyRow,
  type JourneyState,
} from './state.ts';

/** Journeys claimed per transaction. */
export const ADVANCE_BATCH = 5000;
/** Steps a journey may take in one batch before it is left due for the next (a loop without waits stays bounded). */
const MAX_ROUNDS = 100;

export type AdvanceOptions = { fireRunFor: typeof fireRunFor };

/** A batch context: environments loaded once per workspace. */
export function batchCtx(deps: Deps, tx: DbOrTx, now: Date, o: AdvanceOptions): BatchCtx {
  const envs = new Map<string, Promise<PlayEnv>>();
  return {
    deps,
    tx,
    now,
    fireRunFor: o.fireRunFor,
    moved: [],
    env: (ws) => {
      let e = envs.get(ws);
      if (!e) envs.set(ws, (e = loadEnv(tx, ws, { now: () => now })));
      return e;
    },
  };
}

/**
 * Moves the given journeys (locked by the caller) as far as they can go now: rounds of set-based
 * step runs, then ONE write of every position and wake-up, then the ends.
 */
export async function advanceStates(c: BatchCtx, states: JourneyState[]) {
  if (states.length === 0) return;
  const keys = [
    ...new Map(
      states.map((s) => [
        versionKey(s.playId, s.version),
        { playId: s.playId, version: s.version },
      ]),
    ).values(),
  ];
  const playsByVersion = await loadJourneyPlays(c.tx, keys);
  await checkExitCriteria(c, playsByVersion, states);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const active = states.filter((s) => !s.ended && !s.parked);
    if (active.length === 0) break;
    const groups = new Map<string, JourneyState[]>();
    for (const s of active) {
      const k = `${versionKey(s.playId, s.version)}|${s.stepId}|${s.phase}|${s.chain.join(',')}`;
      const g = groups.get(k);
      if (g) g.push(s);
      else groups.set(k, [s]);
    }
    c.moved = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      const play = playsByVersion.get(versionKey(first.playId, first.version));
      const step = play && findStep(play.steps ?? [], first.stepId);
      if (!play || !step) {
        // The version or step is gone (the play was deleted): nothing left to run.
        for (const s of group) s.ended = 'end';
        continue;
      }
      await runGroup(c, play, step, group);
    }
    await assignVisits(
      c.tx,
      c.moved.filter((s) => !s.ended),
    );
  }
  await writeBack(
    c.tx,
    states.filter((s) => !s.ended),
    c.now,
  );
  const byVersion = new Map<string, JourneyState[]>();
  for (const s of states.filter((x) => x.ended)) {
    const k = versionKey(s.playId, s.version);
    byVersion.set(k, [...(byVersion.get(k) ?? []), s]);
  }
  for (const [k, list] of byVersion) {
    const play = playsByVersion.get(k);
    if (play)
      await endJourneys(
        c.tx,
        play,
        list.map((s) => ({ id: s.id, reason: s.ended! })),
        { now: c.now, by: null },
      );
  }
}

/** Journeys whose version has exit criteria and whose record meets them leave before their step runs. */
async function checkExitCriteria(
  c: BatchCtx,
  byVersion: Map<string, Play>,
  states: JourneyState[],
) {
  for (const [k, play] of byVersion) {
    const criteria = play.exitRules?.criteria;
    if (!criteria) continue;
    const list = states.filter((s) => versionKey(s.playId, s.version) === k && !s.ended);
    const yes = await meetingCriteria(c.tx, await c.env(play.workspaceId), play, criteria, list);
    for (const s of list) if (yes.has(s.recordId)) s.ended = 'exit_criteria';
  }
}

/**
 * One batch: claims up to `limit` due journeys (`wake_at <= now`, oldest first, SKIP LOCKED so
 * workers split the work) and advances them in one transaction. Answers how many it claimed.
 */
export async function advanceDue(
  deps: Deps,
  o: AdvanceOptions & { limit?: number },
): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const rows = await queryRows<JourneyRow>(
      tx,
      sql`select ${JOURNEY_COLUMNS} from journeys j
        where j.ended_at is null and j.wake_at is not null and j.wake_at <= ${now}
        order by j.wake_at limit ${o.limit ?? ADVANCE_BATCH} for update skip locked`,
    );
    await advanceStates(batchCtx(deps, tx, now, o), rows.map(toState));
    return rows.length;
  });
}

/** Drains every due journey, batch after batch; answers how many it advanced. */
export async function drainJourneys(
  deps: Deps,
  o: AdvanceOptions & { limit?: number; maxMs?: number },
) {
  const started = Date.now();
  let total = 0;
  for (;;) {
    const n = await advanceDue(deps, o);
    total += n;
    if (n < (o.limit ?? ADVANCE_BATCH) || Date.now() - started > (o.maxMs ?? 50_000)) return total;
  }
}

/** The earliest future wake-up, for the one delayed job that follows each drain. */
export async function nextWakeAt(db: DbOrTx): Promise<Date | null> {
  const [r] = await queryRows<{ at: Date | string | null }>(
    db,
    sql`select min(wake_at) as at from journeys where ended_at is null and wake_at is not null`,
  );
  return r?.at ? new Date(r.at) : null;
}
