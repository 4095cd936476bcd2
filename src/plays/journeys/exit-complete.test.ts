// The "complete" exit policy at scale (SPEC §5, §13): when hundreds of journeys leave at once, their open
// tasks are completed with the policy's outcome set-based — a fixed handful of statements, not a
// completion per task — and everything a completion brings follows: the timeline, the assigner's feed,
// the outcome's actions.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows.ts';
import { injectAs } from '../../test/fixtures.ts';
import { withStatements } from '../../test/count-statements.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';

const N = 300;

describe('the complete exit policy, many journeys at once', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = injectAs(() => p.t);

  it(`${N} journeys removed at once complete their ${N} tasks with the outcome, its actions following`, async () => {
    const tpl = await api('POST', '/api/v1/templates', p.w.tokens.advanced, {
      name: 'Welcome call',
      title: 'Welcome {{account.name}}',
      description: 'Call them',
      dueOffsetDays: 3,
      flowId: p.w.flow.id,
      assigneeRule: { type: 'user', userId: p.w.users.standard.id },
      outcomes: [
        { name: 'Reached', actions: [] },
        { name: 'Dropped', actions: [{ type: 'add_tag', target: 'account', tag: 'dropped' }] },
      ],
    });
    assert.equal(tpl.statusCode, 201, tpl.body);
    const play = await p.play(
      {
        name: 'Welcome',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'welcome' },
        actions: [],
        steps: [
          {
            id: 'call',
            type: 'action',
            action: {
              type: 'create_task',
              templateId: tpl.json().id,
              assignee: { type: 'user', userId: p.w.users.standard.id },
            },
          },
          {
            id: 'pause',
            type: 'wait',
            duration: { n: 7, unit: 'days' },
            from: { kind: 'previous_step' },
          },
        ],
        exitRules: {
          criteria: null,
          leaveWhenTriggerNotMet: false,
          openTasks: { policy: 'complete', outcome: 'Dropped' },
        },
      },
      { fireNow: false },
    );
    await p.newAccounts(N, { health: 'welcome' });
    await p.drain();
    assert.equal((await p.openTasks(play.id)).length, N);

    const { result: res, statements } = await withStatements(p.t.deps.db, () =>
      api('POST', `/api/v1/plays/${play.id}/journeys/remove`, p.w.tokens.admin),
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { removed: N });
    assert.ok(statements.length < 40, `set-based: ${statements.length} statements for ${N} tasks`);

    const tasks = await p.playTasks(play.id);
    assert.deepEqual(
      [...new Set(tasks.map((t) => `${t.status} ${t.outcome} by ${t.completedById}`))],
      [`completed Dropped by ${p.w.users.admin.id}`],
    );
    const [tl] = await queryRows<{ completed: number; ended: number }>(
      p.t.deps.db,
      sql`select count(*) filter (where type = 'task_completed' and payload->>'outcome' = 'Dropped')::int as completed,
          count(*) filter (where type = 'journey_ended' and payload->'openTasks'->>'count' = '1')::int as ended
        from timeline_events where workspace_id = ${p.ws}::uuid`,
    );
    assert.deepEqual(tl, { completed: N, ended: N });
    // The play's owner assigned them: told of each outcome (the admin who completed them is not).
    const feed = await api('GET', '/api/v1/feed?limit=100', p.w.tokens.advanced);
    const outcomes = feed
      .json()
      .data.filter((f: { kind: string }) => f.kind === 'task_outcome')
      .map((f: { payload: { outcome: string } }) => f.payload.outcome);
    assert.equal(outcomes.length, 100);
    assert.deepEqual([...new Set(outcomes)], ['Dropped']);

    await p.drain();
    const [tagged] = await queryRows<{ n: number }>(
      p.t.deps.db,
      sql`select count(*)::int as n from accounts where workspace_id = ${p.ws}::uuid and 'dropped' = any(tags)`,
    );
    assert.equal(tagged!.n, N, "the outcome's action ran for every task");
  });
});
