// 10,000 journeys whose waits end at the same minute advance set-based (statements per batch, not per
// record), and two advancers racing on the same due journeys run every step exactly once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { journeys, journeySteps } from '../../db/schema/index.ts';
import { queryRows } from '../../db/rows.ts';
import { withStatements } from '../../test/count-statements.ts';
import { fireRunFor } from '../engine/fire.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { ADVANCE_BATCH, drainJourneys } from './advance.ts';

const N = 10_000;

describe('journeys at scale', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  it('10,000 waits ending at once advance in batches, a handful of statements each, every step once', async () => {
    const play = await p.play(
      {
        name: 'Sort by size',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'scale' },
        actions: [],
        steps: [
          {
            id: 'w',
            type: 'wait',
            duration: { n: 1, unit: 'days' },
            from: { kind: 'previous_step' },
          },
          {
            id: 'size',
            type: 'branch',
            paths: [
              {
                id: 'big',
                label: 'Big',
                when: {
                  kind: 'criteria',
                  criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 50 },
                },
                steps: [{ id: 'tag-big', type: 'action', action: { type: 'add_tag', tag: 'big' } }],
              },
            ],
            otherwise: [
              { id: 'tag-small', type: 'action', action: { type: 'add_tag', tag: 'small' } },
            ],
          },
        ],
      },
      { fireNow: false },
    );
    const half = N / 2;
    await p.newAccounts(half, { health: 'scale', arr: 10 });
    await p.newAccounts(half, { health: 'scale', arr: 90 });
    await p.drain();
    const [waiting] = await queryRows<{ n: number }>(
      p.t.deps.db,
      sql`select count(*)::int as n from journeys where play_id = ${play.id}::uuid and step_id = 'w' and wake_at is not null`,
    );
    assert.equal(waiting!.n, N);
    p.t.clock.advanceDays(1);
    // Two advancers race for the same due journeys (real concurrency on PostgreSQL).
    const { statements } = await withStatements(p.t.deps.db, () =>
      Promise.all([
        drainJourneys(p.t.deps, { fireRunFor }),
        drainJourneys(p.t.deps, { fireRunFor }),
      ]),
    );
    const batches = Math.ceil(N / ADVANCE_BATCH) + 2;
    assert.ok(
      statements.length < batches * 60,
      `set-based: ${statements.length} statements for ${N} journeys (bound ${batches * 60})`,
    );
    const done = await queryRows<{ step_id: string; n: number; dup: number }>(
      p.t.deps.db,
      sql`select step_id, count(*)::int as n, (count(*) - count(distinct journey_id))::int as dup
        from journey_steps where play_id = ${play.id}::uuid group by step_id order by step_id`,
    );
    assert.deepEqual(
      done.map((d) => [d.step_id, d.n, d.dup]),
      [
        ['size', N, 0],
        ['tag-big', half, 0],
        ['tag-small', half, 0],
        ['w', N, 0],
      ],
    );
    const [tags] = await queryRows<{ big: number; small: number; both: number }>(
      p.t.deps.db,
      sql`select count(*) filter (where tags = '{big}')::int as big, count(*) filter (where tags = '{small}')::int as small,
        count(*) filter (where cardinality(tags) > 1)::int as both
        from accounts where workspace_id = ${p.ws}::uuid and attributes->>'health' = 'scale'`,
    );
    assert.deepEqual(tags, { big: half, small: half, both: 0 });
    const ended = await p.t.deps.db.select().from(journeys).where(eq(journeys.playId, play.id));
    assert.ok(ended.every((j) => j.endReason === 'end'));
    void journeySteps;
  });
});
