// The periodic sweep (SPEC §5): criteria that change with time alone, and live segment membership.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { playRuns } from '../db/schema/index.ts';
import { createSegment, updateSegment } from '../segments/manage-segments.ts';
import { sweepJob } from './engine/jobs.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

describe('the periodic sweep', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  /** What the 15-minute schedule does: the sweep job, through the queue. */
  const sweep = async () => {
    await p.t.deps.queue.send(sweepJob, {});
    assert.equal(await p.jobs.drain({ names: [sweepJob.name] }), 1);
  };

  it('a time-relative criterion ("renewal in the next 30 days") fires when the clock moves, with no data change', async () => {
    const play = await p.play({
      name: 'Renewals',
      criteria: {
        kind: 'compare',
        field: 'attributes.renewal_date',
        op: 'within_next_days',
        days: 30,
      },
    });
    const [soon, later] = await p.newAccounts(2, { renewal_date: '2026-04-11' }); // 40 days after 2 March
    await p.setAttrs(later!.id, { renewal_date: '2026-06-30' });
    await p.drain();
    await sweep();
    assert.equal((await p.playTasks(play.id)).length, 0, 'not within 30 days yet');

    p.t.clock.advanceDays(11); // 13 March: the renewal is 29 days away
    assert.equal(await p.drain(), 0, 'no data changed: nothing in the outbox');
    await sweep();
    assert.deepEqual(
      (await p.openTasks(play.id)).map((t) => t.accountId),
      [soon!.id],
    );
    const [run] = await p.t.deps.db
      .select()
      .from(playRuns)
      .where(and(eq(playRuns.playId, play.id), eq(playRuns.kind, 'sweep')));
    assert.equal(run?.counts.created, 1, 'the firing is recorded as a sweep run');

    p.t.clock.advanceMs(15 * 60_000);
    await sweep();
    assert.equal(
      (await p.playTasks(play.id)).length,
      1,
      'still a member: the next sweep creates nothing',
    );
    p.t.clock.set('2026-03-02T09:00:00Z');
  });

  it('an "is in segment" criterion follows an edit of that segment at the next sweep', async () => {
    const seg = await createSegment(p.t.deps, p.advanced, {
      name: 'Gold',
      subject: 'accounts',
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'gold' },
    });
    const play = await p.play({
      name: 'Follows Gold',
      criteria: { kind: 'in_segment', segmentId: seg.id },
    });
    const [gold, silver] = await p.newAccounts(2, { health: 'gold' });
    await p.setAttrs(silver!.id, { health: 'silver' });
    await p.drain();
    assert.deepEqual(
      (await p.openTasks(play.id)).map((t) => t.accountId),
      [gold!.id],
    );

    p.t.clock.advanceMs(60_000);
    await updateSegment(p.t.deps, p.advanced, seg.id, {
      criteria: {
        kind: 'compare',
        field: 'attributes.health',
        op: 'in',
        values: ['gold', 'silver'],
      },
    });
    assert.equal(await p.drain(), 0, 'a segment edit writes no change event');
    assert.equal((await p.openTasks(play.id)).length, 1, 'nothing happens before the sweep');
    p.t.clock.advanceMs(15 * 60_000);
    await sweep();
    assert.deepEqual(
      (await p.openTasks(play.id)).map((t) => t.accountId).sort(),
      [gold!.id, silver!.id].sort(),
      'silver entered through the edited segment',
    );
  });
});
