// The web app's mapping from live changes to stale query keys (web/src/features/live/invalidations.ts),
// as a pure function: what an open account's Work tab, header and timeline depend on is refreshed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addStale, staleKeys, type Stale } from '../../web/src/features/live/invalidations.ts';

const A = '11111111-1111-4111-8111-111111111111';
const T = '22222222-2222-4222-8222-222222222222';
const has = (keys: Stale[], key: unknown[]) =>
  keys.some((k) => JSON.stringify(k.key) === JSON.stringify(key));

describe('live change → stale query keys', () => {
  it("a task change refreshes task lists and counts, that task, the account's header and timeline", () => {
    const keys = staleKeys({ entity: 'task', kind: 'created', accountId: A, ids: [T] });
    for (const k of [['tasks'], ['task', T], ['account', A], ['accounts'], ['timeline', A]])
      assert.ok(has(keys, k), JSON.stringify(k));
    assert.ok(keys.find((k) => JSON.stringify(k.key) === JSON.stringify(['account', A]))!.exact);
  });

  it("a play run that created tasks refreshes the account's work (the play's new tasks)", () => {
    const keys = staleKeys({ entity: 'play_run', kind: 'fired', accountId: A, ids: [T] });
    for (const k of [['tasks'], ['account', A], ['timeline', A]]) assert.ok(has(keys, k));
    // The ids are runs, not tasks.
    assert.ok(!has(keys, ['task', T]));
    // A run over too many accounts to name refreshes every account's work.
    const all = staleKeys({ entity: 'play_run', kind: 'fired', accountId: null, ids: [T] });
    for (const k of [['tasks'], ['account'], ['timeline']]) assert.ok(has(all, k));
  });

  it('a completed task or a play run (a journey step) refreshes journey counts and views', () => {
    assert.ok(
      has(staleKeys({ entity: 'task', kind: 'completed', accountId: A, ids: [T] }), ['journeys']),
    );
    assert.ok(
      has(staleKeys({ entity: 'play_run', kind: 'fired', accountId: A, ids: [T] }), ['journeys']),
    );
    // An edit to a task moves no journey.
    assert.ok(
      !has(staleKeys({ entity: 'task', kind: 'updated', accountId: A, ids: [T] }), ['journeys']),
    );
  });

  it('an account change refreshes its page and the work lists; many ids refresh the family', () => {
    assert.ok(
      has(staleKeys({ entity: 'account', kind: 'updated', accountId: A, ids: [A] }), ['tasks']),
    );
    assert.ok(has(staleKeys({ entity: 'task', kind: 'updated', accountId: A, ids: [] }), ['task']));
    assert.ok(
      has(staleKeys({ entity: 'contact', kind: 'created', accountId: A, ids: [T] }), [
        'account',
        A,
        'contacts',
      ]),
    );
  });

  it('a burst folds into each key once', () => {
    const pending = new Map<string, Stale>();
    for (let i = 0; i < 1000; i++)
      addStale(pending, staleKeys({ entity: 'task', kind: 'created', accountId: A, ids: [] }));
    assert.equal(
      pending.size,
      staleKeys({ entity: 'task', kind: 'created', accountId: A, ids: [] }).length,
    );
  });
});
