import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from './test-setup.ts';

// SPEC §5: plays are run on demand. A recurring play used to answer 422 to "Run now".
describe('run a play now', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
  const counts = (res: { json(): { counts: Record<string, number> } }) => {
    const { targets, created, skipped, errors } = res.json().counts;
    return { targets, created, skipped, errors };
  };
  const create = async (name: string, trigger: object) => {
    const res = await api('POST', '/api/v1/plays', {
      name,
      description: 'Quarterly check-in',
      subject: 'accounts',
      trigger,
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'qbr' },
      actions: [
        {
          id: 'call',
          type: 'create_task',
          title: 'QBR with {{account.name}}',
          description: 'Book it',
          dueInDays: 7,
          flowId: p.w.flow.id,
          assignee: { type: 'user', userId: p.w.users.standard.id },
        },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(
      (await api('POST', `/api/v1/plays/${res.json().id}/enable`, { fireNow: false })).statusCode,
      200,
    );
    return res.json() as { id: string };
  };

  it('a recurring play runs now as a scheduled occurrence would, recorded as a manual run; a second run duplicates no open task', async () => {
    const [a1, a2] = await p.newAccounts(2, { health: 'qbr' });
    await p.newAccounts(1, { health: 'green' });
    const play = await create('QBR', {
      type: 'recurring',
      recurring: { every: { n: 3, unit: 'months' } },
    });
    assert.equal((await p.playTasks(play.id)).length, 0, 'enabled without firing now');

    const first = await api('POST', `/api/v1/plays/${play.id}/run`, {});
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(counts(first), { targets: 2, created: 2, skipped: 0, errors: 0 });
    assert.deepEqual(
      (await p.openTasks(play.id)).map((t) => t.accountId).sort(),
      [a1!.id, a2!.id].sort(),
    );

    const second = await api('POST', `/api/v1/plays/${play.id}/run`, {});
    assert.equal(second.statusCode, 200, second.body);
    assert.deepEqual(counts(second), { targets: 2, created: 0, skipped: 2, errors: 0 });
    assert.equal((await p.openTasks(play.id)).length, 2, 'no second open task for the same target');

    const runs = (await api('GET', `/api/v1/plays/${play.id}/runs`)).json().data as Array<{
      id: string;
      kind: string;
      triggeredBy: string;
      detail: { scope?: string };
    }>;
    assert.deepEqual(
      runs.map((r) => [r.kind, r.triggeredBy, r.detail.scope]),
      [
        ['manual', p.w.users.advanced.id, 'as_scheduled'],
        ['manual', p.w.users.advanced.id, 'as_scheduled'],
      ],
    );
    const results = (
      await api('GET', `/api/v1/plays/${play.id}/runs/${first.json().runId}/results`)
    ).json().data as Array<{ result: string }>;
    assert.deepEqual(
      results.map((r) => r.result),
      ['created', 'created'],
    );
  });

  it('a recurring play can also be run for chosen accounts; event plays still cannot be run on demand', async () => {
    const [a] = await p.newAccounts(1, { health: 'qbr' });
    const play = await create('QBR chosen', {
      type: 'recurring',
      recurring: { cron: '0 9 1 * *' },
    });
    const res = await api('POST', `/api/v1/plays/${play.id}/run`, {
      accountIds: [a!.id, p.w.betaB.id],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      counts(res),
      { targets: 1, created: 1, skipped: 0, errors: 0 },
      'only the chosen account the caller can see',
    );
    const event = await create('On entry', { type: 'enter' });
    assert.equal((await api('POST', `/api/v1/plays/${event.id}/run`, {})).statusCode, 422);
    const manual = await create('By hand', { type: 'manual' });
    const none = await api('POST', `/api/v1/plays/${manual.id}/run`, {});
    assert.equal(none.statusCode, 400, 'a manual play needs a segment or accounts');
  });
});
