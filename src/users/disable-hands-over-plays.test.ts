// SPEC §7: disabling a user hands the plays they own to the chosen receiver, and the admin is told in words.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

describe('disabling a play owner', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(p.w.tokens.admin),
      ...(payload ? { payload } : {}),
    });

  it('hands their plays to the receiver; tasks fired afterwards name the receiver; the report says so', async () => {
    const avery = p.w.users.advanced.id;
    const dana = await call('POST', '/api/v1/users', {
      name: 'Dana Dunn',
      email: 'dana@w1.test',
      role: 'advanced',
      teamIds: [p.w.teamA.id],
    });
    assert.equal(dana.statusCode, 201, dana.body);
    const danaId: string = dana.json().id;
    const owned = await p.play({ name: 'At risk' });
    const ownedToo = await p.play(
      {
        name: 'Also at risk',
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'black' },
      },
      false,
    );
    const admins = await p.play(
      {
        name: 'Admin’s',
        ownerUserId: p.w.users.admin.id,
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'grey' },
      },
      false,
    );
    assert.equal(owned.ownerUserId, avery);

    const res = await call('POST', `/api/v1/users/${avery}/disable`, { transferToUserId: danaId });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(
      res.json().report.includes('2 plays handed over to Dana Dunn'),
      JSON.stringify(res.json().report),
    );

    for (const play of [owned, ownedToo]) {
      const got = (await call('GET', `/api/v1/plays/${play.id}`)).json();
      assert.equal(got.ownerUserId, danaId);
      assert.equal(
        got.version,
        play.version + 1,
        'a new version: edits from the old definition are stale',
      );
    }
    assert.equal(
      (await call('GET', `/api/v1/plays/${admins.id}`)).json().ownerUserId,
      p.w.users.admin.id,
      'other owners keep their plays',
    );

    await p.newAccounts(1, { health: 'red' });
    await p.drain();
    const [fired] = await p.openTasks(owned.id);
    assert.ok(fired, 'the play still fires');
    const task = (await call('GET', `/api/v1/tasks/${fired.id}`)).json();
    assert.deepEqual(
      task.accountabilityUser,
      { id: danaId, name: 'Dana Dunn' },
      'the new owner is accountable',
    );
    assert.deepEqual(task.assignedBy, { id: danaId, name: 'Dana Dunn' });
  });
});
