// Journeys as users see them: validation, re-entry, holdout, exits with their open-task policies,
// removal, version pinning and the read API — through the API and the engine on a realistic workspace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { accounts, journeys, journeySteps, tasks, timelineEvents } from '../../db/schema/index.ts';
import { bearer } from '../../test/fixtures.ts';
import { describeEvent } from '../../timeline/describe-event.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { fireRunFor } from '../engine/fire.ts';
import { disablePlay } from '../enable-play.ts';
import { loadPlay } from '../queries.ts';
import { updatePlay } from '../manage-plays.ts';
import type { PlayInput } from '../schema.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { drainJourneys } from './advance.ts';
import { sweepJourneys } from './sweep.ts';
import { taskStep } from './test-steps.ts';

describe('journeys', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object, token?: string) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(token ?? p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
  const advance = () => drainJourneys(p.t.deps, { fireRunFor });
  const task = (id: string, title: string, over: { outcomes?: string[] } = {}) =>
    taskStep(p, id, title, over);
  let n = 0;
  /** An enabled journey play on accounts whose health is `health` (one value per play keeps plays apart). */
  const journey = async (health: string, over: Partial<PlayInput>) =>
    p.play(
      {
        name: `Journey ${++n}`,
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
        actions: [],
        ...over,
      },
      { fireNow: false },
    );
  const journeysOf = (playId: string) =>
    p.t.deps.db.select().from(journeys).where(eq(journeys.playId, playId));
  const sentences = async (accountId: string) =>
    (await p.t.deps.db.select().from(timelineEvents).where(eq(timelineEvents.accountId, accountId)))
      .filter((e) => e.type.startsWith('journey_'))
      .map((e) =>
        describeEvent({ type: e.type, payload: e.payload } as TimelineEvent, {
          attributeLabel: () => undefined,
        }),
      );

  it('refuses invalid steps with every problem on its body.steps path, and changes nothing', async () => {
    const before = (await p.t.deps.db.select().from(journeys)).length;
    const res = await api('POST', '/api/v1/plays', {
      name: 'Bad journey',
      description: 'x',
      subject: 'accounts',
      trigger: { type: 'enter' },
      actions: [],
      steps: [
        task('call', 'Call', { outcomes: ['Yes', 'No'] }),
        { id: 'call', type: 'end' },
        { id: 'back', type: 'go_to', target: 'later', maxVisits: 2 },
        {
          id: 'w',
          type: 'wait_until',
          until: { kind: 'task_completed', stepId: 'call', outcomes: ['Maybe'] },
          limit: { n: 3, unit: 'days' },
        },
        {
          id: 'b',
          type: 'branch',
          paths: [
            {
              id: 'p1',
              label: 'Tagged',
              when: { kind: 'task_completed', stepId: 'w', outcomes: [] },
              steps: [],
            },
          ],
        },
        {
          id: 'later',
          type: 'wait',
          duration: { n: 1, unit: 'days' },
          from: { kind: 'attribute', key: 'arr' },
        },
        // The id the holdout's results carry.
        { id: 'holdout', type: 'end' },
      ],
    });
    assert.equal(res.statusCode, 400, res.body);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    assert.deepEqual(
      paths.sort(),
      [
        'body.steps.1.id',
        'body.steps.2.target',
        'body.steps.3.until.outcomes.0',
        'body.steps.4.paths.0.when.stepId',
        'body.steps.5.from.key',
        'body.steps.6.id',
      ].sort(),
    );
    const noActions = await api('POST', '/api/v1/plays', {
      name: 'Empty',
      description: 'x',
      subject: 'accounts',
      trigger: { type: 'enter' },
      actions: [],
    });
    assert.deepEqual(
      noActions.json().error.details.map((d: { path: string }) => d.path),
      ['body.actions'],
    );
    const exitPlay = await api('POST', '/api/v1/plays', {
      name: 'Exit journey',
      description: 'x',
      subject: 'accounts',
      trigger: { type: 'exit' },
      actions: [],
      steps: [task('call', 'Call')],
    });
    assert.deepEqual(
      exitPlay.json().error.details.map((d: { path: string }) => d.path),
      ['body.steps'],
    );
    assert.equal((await p.t.deps.db.select().from(journeys)).length, before);
  });

  it('re-entry: once ever, after the previous journey ended, at most every N days', async () => {
    const steps = [
      task('t', 'Hello {{account.name}}'),
      {
        id: 'w',
        type: 'wait' as const,
        duration: { n: 2, unit: 'days' as const },
        from: { kind: 'previous_step' as const },
      },
    ];
    const once = await journey('re-once', { steps, reentry: { mode: 'once' } });
    const afterEnd = await journey('re-after', { steps, reentry: { mode: 'after_end' } });
    const every = await journey('re-every', { steps, reentry: { mode: 'every_n_days', days: 5 } });
    const [a, b, c] = await p.newAccounts(3, { health: 'green' });
    await p.drain();
    const cycle = async () => {
      await p.setAttrs(a!.id, { health: 're-once' });
      await p.setAttrs(b!.id, { health: 're-after' });
      await p.setAttrs(c!.id, { health: 're-every' });
      await p.drain();
      for (const x of [a, b, c]) await p.setAttrs(x!.id, { health: 'green' });
      await p.drain();
    };
    await cycle();
    await cycle(); // the first journeys still wait: nobody enters again
    assert.deepEqual(
      [
        (await journeysOf(once.id)).length,
        (await journeysOf(afterEnd.id)).length,
        (await journeysOf(every.id)).length,
      ],
      [1, 1, 1],
    );
    p.t.clock.advanceDays(3);
    await advance(); // the waits end, and with them the journeys
    await cycle();
    assert.deepEqual(
      [
        (await journeysOf(once.id)).length,
        (await journeysOf(afterEnd.id)).length,
        (await journeysOf(every.id)).length,
      ],
      [1, 2, 1],
      'once: never again; after_end: again; every 5 days: not after 3',
    );
    p.t.clock.advanceDays(3);
    await advance();
    await cycle();
    assert.equal((await journeysOf(every.id)).length, 2, 'every 5 days: again after 6');
  });

  it('holdout: a fixed share, the same records every time, recorded as entered with no steps run', async () => {
    const play = await journey('held', {
      steps: [task('t', 'Call {{account.name}}')],
      holdoutPercent: 30,
    });
    const accs = await p.newAccounts(200, { health: 'held' });
    await p.drain();
    const rows = await journeysOf(play.id);
    assert.equal(rows.length, 200);
    const held = rows.filter((r) => r.holdout);
    assert.ok(held.length > 30 && held.length < 90, `about 30% held out, got ${held.length}`);
    assert.ok(held.every((r) => r.endReason === 'holdout' && r.endedAt));
    const made = await p.playTasks(play.id);
    assert.equal(made.length, 200 - held.length, 'held-out records get no task');
    assert.ok(!made.some((t) => held.some((h) => h.accountId === t.accountId)));
    // Deterministic per record and play: the same rule gives the same set.
    const again = await p.t.deps.db.execute(
      sql`select count(*)::int as n from accounts a where a.id = any(${`{${accs.map((x) => x.id).join(',')}}`}::uuid[])
        and (((hashtext(${play.id}::text || a.id::text) % 100) + 100) % 100) < 30`,
    );
    const count = ((again as unknown as { rows: Array<{ n: number }> }).rows ??
      (again as unknown as Array<{ n: number }>))[0]!.n;
    assert.equal(count, held.length);
    const counts = await api('GET', `/api/v1/plays/${play.id}/journey-steps`);
    assert.equal(counts.statusCode, 200, counts.body);
    assert.deepEqual(counts.json().totals, {
      entered: 200,
      running: 0,
      ended: 200 - held.length,
      holdout: held.length,
    });
  });

  it('exit criteria cancel the open tasks; leaving the trigger criteria completes them with an outcome', async () => {
    const steps = [
      task('call', 'Call {{account.name}}', { outcomes: ['Done', 'Dropped'] }),
      {
        id: 'w',
        type: 'wait' as const,
        duration: { n: 5, unit: 'days' as const },
        from: { kind: 'previous_step' as const },
      },
      task('again', 'Call {{account.name}} again'),
    ];
    const cancel = await journey('exit-a', {
      steps,
      exitRules: {
        criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 100 },
        leaveWhenTriggerNotMet: false,
        openTasks: { policy: 'cancel' },
      },
    });
    const complete = await journey('exit-b', {
      steps,
      exitRules: {
        criteria: null,
        leaveWhenTriggerNotMet: true,
        openTasks: { policy: 'complete', outcome: 'Dropped' },
      },
    });
    const [x, y] = await p.newAccounts(2, { health: 'green' }, { name: 'Globex' });
    await p.setAttrs(x!.id, { health: 'exit-a' });
    await p.setAttrs(y!.id, { health: 'exit-b' });
    await p.drain();
    assert.equal((await p.openTasks(cancel.id)).length, 1);
    assert.equal((await p.openTasks(complete.id)).length, 1);
    await p.setAttrs(x!.id, { arr: 150 }); // meets the exit criteria
    await p.setAttrs(y!.id, { health: 'green' }); // no longer meets the trigger criteria
    await p.drain();
    const [jx] = await journeysOf(cancel.id);
    const [jy] = await journeysOf(complete.id);
    assert.equal(jx!.endReason, 'exit_criteria');
    assert.equal(jy!.endReason, 'left_trigger');
    const [tx] = await p.playTasks(cancel.id);
    const [ty] = await p.playTasks(complete.id);
    assert.equal(tx!.status, 'deleted');
    assert.deepEqual([ty!.status, ty!.outcome], ['completed', 'Dropped']);
    p.t.clock.advanceDays(6);
    await advance();
    assert.equal((await p.playTasks(cancel.id)).length, 1, 'an ended journey runs no more steps');
    assert.ok(
      (await sentences(x!.id)).includes(
        `Left the journey "${cancel.name}": met the exit criteria (1 open task cancelled)`,
      ),
    );
    assert.ok(
      (await sentences(y!.id)).includes(
        `Left the journey "${complete.name}": no longer meets the trigger criteria (1 open task completed)`,
      ),
    );
  });

  it('the read API shows where each record is, and a user can take a record out', async () => {
    const play = await journey('read', {
      steps: [
        task('call', 'Call {{account.name}}', { outcomes: ['Yes', 'No'] }),
        {
          id: 'answer',
          type: 'wait_until',
          until: { kind: 'task_completed', stepId: 'call' },
          limit: { n: 7, unit: 'days' },
          onTimeout: [],
        },
      ],
      exitRules: { criteria: null, leaveWhenTriggerNotMet: false, openTasks: { policy: 'cancel' } },
    });
    const [acc] = await p.newAccounts(1, { health: 'read' }, { name: 'Hooli' });
    await p.drain();
    const counts = (await api('GET', `/api/v1/plays/${play.id}/journey-steps`)).json();
    assert.deepEqual(counts.steps, [
      { stepId: 'call', active: 0, waiting: 0, done: 1 },
      { stepId: 'answer', active: 1, waiting: 1, done: 0 },
    ]);
    const list = await api('GET', `/api/v1/plays/${play.id}/journeys?status=running&stepId=answer`);
    assert.equal(list.statusCode, 200, list.body);
    const [j] = list.json().data;
    assert.equal(j.recordName, 'Hooli');
    assert.equal(j.accountName, 'Hooli');
    assert.equal(j.waitingFor.kind, 'task_completed');
    const [t] = await p.openTasks(play.id);
    assert.deepEqual(j.waitingFor.taskIds, [t!.id]);
    assert.equal(j.wakeAt, new Date(p.t.clock.now().getTime() + 7 * 86_400_000).toISOString());
    const one = (await api('GET', `/api/v1/journeys/${j.id}`)).json();
    assert.deepEqual(
      one.steps.map((s: { stepId: string; result: { summary: string } }) => [
        s.stepId,
        s.result.summary,
      ]),
      [
        [
          'call',
          'Create the task "Call {{account.name}}", due in 3 days, unless one from this action is still open',
        ],
      ],
    );
    const mine = (await api('GET', `/api/v1/accounts/${acc!.id}/journeys`)).json();
    assert.deepEqual(
      mine.data.map((x: { id: string }) => x.id),
      [j.id],
    );
    // Standard users do not inspect journeys.
    assert.equal(
      (await api('GET', `/api/v1/journeys/${j.id}`, undefined, p.w.tokens.standardB)).statusCode,
      403,
    );
    const removed = await api('POST', `/api/v1/journeys/${j.id}/remove`);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(
      [removed.json().status, removed.json().endReason, removed.json().endedBy],
      ['ended', 'removed', p.w.users.advanced.id],
    );
    assert.equal((await p.playTasks(play.id))[0]!.status, 'deleted');
    assert.equal((await api('POST', `/api/v1/journeys/${j.id}/remove`)).statusCode, 409);
    assert.ok(
      (await sentences(acc!.id)).includes(
        `Left the journey "${play.name}": removed by a user (1 open task cancelled)`,
      ),
    );
  });

  it('a journey keeps the version it entered on when the play is changed', async () => {
    const play = await journey('pin', {
      steps: [
        {
          id: 'w',
          type: 'wait',
          duration: { n: 1, unit: 'days' },
          from: { kind: 'previous_step' },
        },
        task('t', 'Version one'),
      ],
    });
    const [first] = await p.newAccounts(1, { health: 'pin' });
    await p.drain();
    await disablePlay(p.t.deps, p.advanced, play.id);
    const current = (await api('GET', `/api/v1/plays/${play.id}`)).json();
    await updatePlay(
      p.t.deps,
      p.advanced,
      play.id,
      {
        steps: [
          {
            id: 'w',
            type: 'wait',
            duration: { n: 1, unit: 'days' },
            from: { kind: 'previous_step' },
          },
          task('t', 'Version two'),
        ],
      },
      current.version,
    );
    p.t.clock.advanceDays(2);
    await advance();
    const made = await p.playTasks(play.id);
    assert.deepEqual(
      made.map((t) => [t.accountId, t.title]),
      [[first!.id, 'Version one']],
    );
    const [j] = await journeysOf(play.id);
    assert.equal(j!.playVersion, 1);
  });

  it('a clock jump wakes every due step once', async () => {
    const play = await journey('jump', {
      steps: [
        {
          id: 'w1',
          type: 'wait',
          duration: { n: 1, unit: 'days' },
          from: { kind: 'previous_step' },
        },
        { id: 'tag1', type: 'action', action: { type: 'add_tag', tag: 'day-1' } },
        {
          id: 'w2',
          type: 'wait',
          duration: { n: 1, unit: 'hours' },
          from: { kind: 'previous_step' },
        },
        { id: 'tag2', type: 'action', action: { type: 'add_tag', tag: 'hour-25' } },
      ],
    });
    const accs = await p.newAccounts(20, { health: 'jump' });
    await p.drain();
    p.t.clock.advanceDays(30);
    await Promise.all([advance(), advance()]);
    await advance();
    // The second wait counts from when the first one ended (now): one hour more.
    assert.equal(
      (await p.t.deps.db.select().from(journeySteps).where(eq(journeySteps.playId, play.id)))
        .length,
      20 * 2,
    );
    p.t.clock.advanceDays(1);
    await Promise.all([advance(), advance()]);
    const steps = await p.t.deps.db
      .select()
      .from(journeySteps)
      .where(eq(journeySteps.playId, play.id));
    assert.equal(steps.length, 20 * 4, 'each of the four steps once per record');
    assert.ok(steps.every((s) => s.visit === 1));
    const tagged = await p.t.deps.db
      .select({ tags: accounts.tags })
      .from(accounts)
      .where(and(sql`${accounts.id} = any(${`{${accs.map((a) => a.id).join(',')}}`}::uuid[])`));
    assert.ok(tagged.every((r) => JSON.stringify(r.tags) === JSON.stringify(['day-1', 'hour-25'])));
    assert.ok((await journeysOf(play.id)).every((j) => j.endReason === 'end'));
    void tasks;
  });
  it('a criteria wait goes on when the record meets them: at once on a change, or at the periodic sweep', async () => {
    const play = await journey('until', {
      steps: [
        {
          id: 'big',
          type: 'wait_until',
          until: {
            kind: 'criteria',
            criteria: { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 100 },
          },
          limit: { n: 30, unit: 'days' },
          onTimeout: [],
        },
        { id: 'tag', type: 'action', action: { type: 'add_tag', tag: 'grew' } },
      ],
    });
    const [a, b] = await p.newAccounts(2, { health: 'until', arr: 1 });
    await p.drain();
    assert.ok((await journeysOf(play.id)).every((j) => j.stepId === 'big' && j.endedAt === null));
    await p.setAttrs(a!.id, { arr: 150 }); // a change: re-checked in the consumer
    await p.drain();
    // A write the engine does not hear about (an import straight into the table): the sweep finds it.
    await p.t.deps.db
      .update(accounts)
      .set({ attributes: { health: 'until', arr: 500 } })
      .where(eq(accounts.id, b!.id));
    await sweepJourneys(p.t.deps, [await loadPlay(p.t.deps.db, p.ws, play.id)]);
    await advance();
    const rows = await journeysOf(play.id);
    assert.deepEqual(
      rows.map((j) => j.endReason),
      ['end', 'end'],
    );
    const tagged = await p.t.deps.db
      .select({ tags: accounts.tags })
      .from(accounts)
      .where(sql`${accounts.id} in (${a!.id}, ${b!.id})`);
    assert.deepEqual(
      tagged.map((r) => r.tags),
      [['grew'], ['grew']],
    );
  });
  it('a journey waiting for its task goes on when the task is completed, even after the play was disabled', async () => {
    const play = await journey('paused', {
      steps: [
        task('call', 'Call {{account.name}}', { outcomes: ['Reached'] }),
        {
          id: 'answer',
          type: 'wait_until',
          until: { kind: 'task_completed', stepId: 'call', outcomes: ['Reached'] },
          limit: { n: 10, unit: 'days' },
          onTimeout: [],
        },
        { id: 'tag', type: 'action', action: { type: 'add_tag', tag: 'reached' } },
      ],
    });
    const [acc] = await p.newAccounts(1, { health: 'paused' });
    await p.drain();
    await disablePlay(p.t.deps, p.advanced, play.id);
    const [t] = await p.openTasks(play.id);
    const res = await api(
      'POST',
      `/api/v1/tasks/${t!.id}/complete`,
      { outcome: 'Reached' },
      p.w.tokens.admin,
    );
    assert.equal(res.statusCode, 200, res.body);
    await p.drain();
    const [j] = await journeysOf(play.id);
    assert.equal(j!.endReason, 'end');
    const [row] = await p.t.deps.db
      .select({ tags: accounts.tags })
      .from(accounts)
      .where(eq(accounts.id, acc!.id));
    assert.deepEqual(row!.tags, ['reached']);
  });
});
