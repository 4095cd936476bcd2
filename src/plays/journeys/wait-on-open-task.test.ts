// A task step that made no task because its earlier task was still open ("call again" looping back while
// the first call is open) — a wait-until on that step waits on the open task instead of on nothing until
// its limit, and completing that task moves the journey on (SPEC §13).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { accounts, journeys } from '../../db/schema/index.ts';
import { injectAs } from '../../test/fixtures.ts';
import { fireRunFor } from '../engine/fire.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { drainJourneys } from './advance.ts';
import { taskStep } from './test-steps.ts';

describe('wait until a task its step skipped', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const inject = injectAs(() => p.t);
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    inject(method, url, p.w.tokens.admin, payload);
  const advance = () => drainJourneys(p.t.deps, { fireRunFor });

  it('waits on the open task that kept the step from making one, and goes on when it is completed', async () => {
    p.t.clock.set('2026-12-01T09:00:00Z');
    const play = await p.play(
      {
        name: 'Call until reached',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'loop' },
        actions: [],
        steps: [
          taskStep(p, 'call', 'Call {{account.name}}', { outcomes: ['Reached'] }),
          {
            id: 'pause',
            type: 'wait',
            duration: { n: 1, unit: 'days' },
            from: { kind: 'previous_step' },
          },
          { id: 'again', type: 'go_to', target: 'call', maxVisits: 2 },
          {
            id: 'answer',
            type: 'wait_until',
            until: { kind: 'task_completed', stepId: 'call', outcomes: ['Reached'] },
            limit: { n: 10, unit: 'days' },
            onTimeout: [],
          },
          { id: 'tag', type: 'action', action: { type: 'add_tag', tag: 'reached' } },
        ],
      },
      { fireNow: false },
    );
    const accs = await p.newAccounts(3, { health: 'loop' });
    await p.drain();
    for (const day of ['2026-12-02T10:00:00Z', '2026-12-03T11:00:00Z']) {
      p.t.clock.set(day);
      await advance();
    }
    const open = await p.openTasks(play.id);
    assert.equal(open.length, 3, 'the second visit made no second task');
    const running = await p.t.deps.db.select().from(journeys).where(eq(journeys.playId, play.id));
    const taskOf = new Map(open.map((t) => [t.accountId, t.id]));
    for (const j of running) {
      assert.equal(j.stepId, 'answer');
      assert.deepEqual(
        (j.waitingFor as { taskIds: string[] }).taskIds,
        [taskOf.get(j.recordId)],
        'it waits on the open task',
      );
    }
    const view = await api('GET', `/api/v1/journeys/${running[0]!.id}`);
    const secondCall = view
      .json()
      .steps.find((s: { stepId: string; visit: number }) => s.stepId === 'call' && s.visit === 2);
    assert.equal(
      secondCall.result.summary,
      'Made no new task: the one from this step is still open',
    );

    for (const acc of accs.slice(0, 2)) {
      const res = await api('POST', `/api/v1/tasks/${taskOf.get(acc.id)}/complete`, {
        outcome: 'Reached',
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    await p.drain();
    await advance();
    const after = await p.t.deps.db.select().from(journeys).where(eq(journeys.playId, play.id));
    const byAccount = new Map(after.map((j) => [j.recordId, j]));
    for (const acc of accs.slice(0, 2)) {
      assert.equal(byAccount.get(acc.id)!.endReason, 'end');
      const [row] = await p.t.deps.db
        .select({ tags: accounts.tags })
        .from(accounts)
        .where(eq(accounts.id, acc.id));
      assert.deepEqual(row!.tags, ['reached']);
    }
    assert.equal(byAccount.get(accs[2]!.id)!.stepId, 'answer', 'the third still waits');
  });
});
