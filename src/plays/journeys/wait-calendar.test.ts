// Journey waits in working days count in the assignee's team calendar (SPEC §14): the assignee of the
// task the journey waits on, else of its latest task; the workspace's calendar when it has none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { journeys } from '../../db/schema/index.ts';
import { injectAs } from '../../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { taskStep } from './test-steps.ts';

describe('journey waits in the assignee’s working days', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const inject = injectAs(() => p.t);
  const api = (method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    inject(method, url, p.w.tokens.admin, payload);
  const call = (userId: string) => taskStep(p, 'call', 'Call {{account.name}}', { userId });
  /** Where each journey of a play with these steps waits until, in the journey view. */
  async function waitsUntil(health: string, steps: unknown[]) {
    const play = await p.play(
      {
        name: `Wait ${health}`,
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
        actions: [],
        steps: steps as never,
      },
      { fireNow: false },
    );
    await p.newAccounts(1, { health });
    await p.drain();
    const [j] = await p.t.deps.db.select().from(journeys).where(eq(journeys.playId, play.id));
    const view = await api('GET', `/api/v1/journeys/${j!.id}`);
    assert.equal(view.statusCode, 200, view.body);
    return view.json().waitingFor.until as string;
  }
  const pause = {
    id: 'pause',
    type: 'wait',
    duration: { n: 2, unit: 'working_days' },
    from: { kind: 'previous_step' },
  };

  it('a team with its own holiday moves the end of its member’s wait; others keep the workspace’s', async () => {
    assert.equal(
      (
        await api('PUT', '/api/v1/holidays/team-b', {
          dates: [{ date: '2026-12-07', name: 'Team day' }],
        })
      ).statusCode,
      200,
    );
    const team = await api('PATCH', `/api/v1/teams/${p.w.teamB.id}`, { holidayCalendar: 'team-b' });
    assert.equal(team.statusCode, 200, team.body);
    p.t.clock.set('2026-12-04T09:30:00Z'); // Friday
    // Bea (team B): Mon 7 is her team's day off → Tue 8, Wed 9; at the same time of day.
    assert.equal(
      await waitsUntil('bea', [call(p.w.users.standardB.id), pause]),
      '2026-12-09T09:30:00.000Z',
    );
    // Sam (team A, the workspace calendar): Mon 7, Tue 8.
    assert.equal(
      await waitsUntil('sam', [call(p.w.users.standard.id), pause]),
      '2026-12-08T09:30:00.000Z',
    );
    // No task yet: the workspace's calendar.
    assert.equal(await waitsUntil('none', [pause]), '2026-12-08T09:30:00.000Z');
  });

  it('a wait-until on a task has its time limit in that task’s assignee’s calendar', async () => {
    const until = await waitsUntil('limit', [
      call(p.w.users.standardB.id),
      {
        id: 'answer',
        type: 'wait_until',
        until: { kind: 'task_completed', stepId: 'call' },
        limit: { n: 1, unit: 'working_days' },
        onTimeout: [],
      },
    ]);
    assert.equal(until, '2026-12-08T09:30:00.000Z', 'Fri + 1 working day for Bea: Tue 8');
  });

  it('in the assignee’s time zone: Bea in Auckland counts from her Saturday', async () => {
    const tz = await api('PATCH', `/api/v1/users/${p.w.users.standardB.id}`, {
      timeZone: 'Pacific/Auckland',
    });
    assert.equal(tz.statusCode, 200, tz.body);
    // Friday 12:00 UTC is Saturday 01:00 in Auckland: + 2 working days → (Mon 7 off) Tue 8, Wed 9,
    // 01:00 Auckland = Tuesday 8 Dec 12:00 UTC.
    p.t.clock.set('2026-12-04T12:00:00Z');
    assert.equal(
      await waitsUntil('auckland', [call(p.w.users.standardB.id), pause]),
      '2026-12-08T12:00:00.000Z',
    );
  });
});
