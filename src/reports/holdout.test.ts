// The holdout (SPEC §5) for plays without steps and journey plays, and effectiveness against it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';
import { heldOutSql } from '../plays/holdout.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';

type Group = { records: number; reachedGoal: number; rate: number | null };
type Holdout = {
  percent: number;
  treated: Group;
  heldOut: Group;
  lift: number | null;
  tooSmall: boolean;
};

describe('holdout: a fixed share of entering records gets no action; effectiveness compares the groups', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`);
    return res.json();
  };
  const createPlay = async (health: string, over: Record<string, unknown>) => {
    const play = await api('POST', '/api/v1/plays', {
      name: `Holdout ${health}`,
      description: 'Reach out',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: health },
      ...over,
    });
    await api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false });
    return play.id as string;
  };
  /** The account leaves the trigger criteria through the API, as an integration would write it. */
  const leave = async (accountId: string) => {
    const acc = await api('GET', `/api/v1/accounts/${accountId}`);
    await api('PATCH', `/api/v1/accounts/${accountId}`, {
      version: acc.version,
      attributes: { health: 'green' },
    });
  };
  /** The shared rule, re-evaluated on its own: the same records, whenever it is asked. */
  const heldByRule = async (playId: string, percent: number, ids: string[]) =>
    (
      await queryRows<{ id: string }>(
        p.t.deps.db,
        sql`select x.id from unnest(${uuidArray(ids)}) as x(id) where ${heldOutSql({ id: playId, holdoutPercent: percent }, sql`x.id`)}`,
      )
    ).map((r) => r.id);
  const effectiveness = async (playId: string) =>
    (await api('GET', `/api/v1/plays/${playId}/effectiveness`)).holdout as Holdout;
  const expected = (treated: [number, number], held: [number, number], percent: number) => {
    const rate = ([n, r]: [number, number]) => (n === 0 ? null : r / n);
    const t = rate(treated),
      h = rate(held);
    return {
      percent,
      treated: { records: treated[0], reachedGoal: treated[1], rate: t },
      heldOut: { records: held[0], reachedGoal: held[1], rate: h },
      lift: t === null || h === null ? null : Math.round((t - h) * 1000) / 10,
      tooSmall: Math.min(treated[0], held[0]) < 30,
    };
  };

  it('a play without steps holds out ~20 % of 500 entering accounts: no task, a held_out result, goals measured for both groups', async () => {
    const playId = await createPlay('hold', {
      holdoutPercent: 20,
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call {{account.name}}',
          description: 'Health turned',
          dueInDays: 3,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    const accounts = await p.newAccounts(500, { health: 'hold' });
    const ids = accounts.map((a) => a.id);
    await p.drain();

    const held = await heldByRule(playId, 20, ids);
    assert.ok(held.length > 60 && held.length < 140, `about 20 % held out, got ${held.length}`);
    const heldSet = new Set(held);
    const tasks = await p.playTasks(playId);
    assert.equal(tasks.length, 500 - held.length, 'every treated account got its task');
    assert.ok(!tasks.some((t) => heldSet.has(t.accountId!)), 'no held-out account got a task');

    const results = await queryRows<{ record_id: string; result: string }>(
      p.t.deps.db,
      sql`select record_id, result from play_run_results where play_id = ${playId}::uuid`,
    );
    const heldResults = results.filter((r) => r.result === 'held_out').map((r) => r.record_id);
    assert.deepEqual(
      heldResults.sort(),
      [...held].sort(),
      'one held_out result per held-out account',
    );

    const runs = await api('GET', `/api/v1/plays/${playId}/runs`);
    const enter = runs.data.filter((r: { kind: string }) => r.kind === 'enter');
    const sum = (k: string) =>
      enter.reduce((n: number, r: { counts: Record<string, number> }) => n + r.counts[k]!, 0);
    assert.equal(sum('targets'), 500);
    assert.equal(sum('created'), 500 - held.length);
    assert.equal(sum('skipped'), held.length, 'held-out records count as skipped');

    // A dry run shows which records would be held out: the same ones.
    const dry = await api('POST', `/api/v1/plays/${playId}/dry-run`);
    const wouldHold = dry.summary.find((s: { result: string }) => s.result === 'would_hold_out');
    assert.equal(wouldHold?.count, held.length);

    // 10 held-out and 40 treated accounts leave the criteria: their goal is reached.
    const treated = ids.filter((id) => !heldSet.has(id));
    for (const id of [...held.slice(0, 10), ...treated.slice(0, 40)]) await leave(id);
    await p.drain();

    assert.deepEqual(
      await effectiveness(playId),
      expected([500 - held.length, 40], [held.length, 10], 20),
    );
  });

  it("an action may not take the holdout's id, which names held-out records' results", async () => {
    const res = await p.t.app.inject({
      method: 'POST',
      url: '/api/v1/plays',
      headers: bearer(p.w.tokens.advanced),
      payload: {
        name: 'Reserved id',
        description: 'x',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'reserved' },
        actions: [
          {
            id: 'holdout',
            type: 'create_task',
            title: 'Call',
            description: 'x',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().error.details.map((d: { path: string }) => d.path),
      ['body.actions.0.id'],
    );
  });

  it('a manual run on chosen accounts is never held out', async () => {
    const playId = await createPlay('manual', {
      holdoutPercent: 50,
      trigger: { type: 'manual' },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'Call {{account.name}}',
          description: 'Chosen',
          dueInDays: 3,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    const accounts = await p.newAccounts(20, { health: 'manual' });
    await p.drain();
    const ids = accounts.map((a) => a.id);
    assert.ok((await heldByRule(playId, 50, ids)).length > 0);
    const run = await api('POST', `/api/v1/plays/${playId}/run`, { accountIds: ids });
    assert.equal(run.counts.created, 20);
  });

  it('a journey play’s holdout is compared the same way', async () => {
    const playId = await createPlay('journey', {
      holdoutPercent: 30,
      actions: [],
      steps: [
        {
          id: 't',
          type: 'action',
          action: {
            type: 'create_task',
            title: 'Call {{account.name}}',
            description: 'Hi',
            dueInDays: 3,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        },
      ],
    });
    const accounts = await p.newAccounts(100, { health: 'journey' });
    await p.drain();
    const ids = accounts.map((a) => a.id);
    const held = await heldByRule(playId, 30, ids);
    const journeys = await queryRows<{ record_id: string; holdout: boolean }>(
      p.t.deps.db,
      sql`select record_id, holdout from journeys where play_id = ${playId}::uuid`,
    );
    assert.deepEqual(
      journeys
        .filter((j) => j.holdout)
        .map((j) => j.record_id)
        .sort(),
      [...held].sort(),
    );
    const heldSet = new Set(held);
    const treated = ids.filter((id) => !heldSet.has(id));
    for (const id of [...held.slice(0, 5), ...treated.slice(0, 20)]) await leave(id);
    await p.drain();
    assert.deepEqual(
      await effectiveness(playId),
      expected([100 - held.length, 20], [held.length, 5], 30),
    );
  });
});
