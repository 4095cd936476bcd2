import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { api, snapshot, world, type World } from '../tasks/test-fixtures.ts';

describe('touchpoints', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());
  const url = () => `/api/v1/accounts/${w.acmeA.id}/touchpoints`;

  it('logs a touchpoint with contacts of the account, sanitizing the body', async () => {
    const res = await api(t, w.tokens.standard).post(url(), {
      type: 'meeting',
      subject: 'Kick-off',
      body: '<p>Agenda <a href="javascript:alert(1)">x</a><script>bad()</script></p>',
      participantIds: [w.contacts.c1.id],
      flowId: w.flow.id,
      occurredAt: '2026-03-01T15:00:00Z',
    });
    assert.equal(res.statusCode, 201, res.body);
    const tp = res.json();
    assert.equal(tp.subject, 'Kick-off');
    assert.doesNotMatch(tp.body, /javascript:|script/);
    assert.deepEqual(tp.participants, [{ id: w.contacts.c1.id, name: 'Carla Contact' }]);
    assert.deepEqual(tp.flow, { id: w.flow.id, name: 'Onboarding' });
    assert.equal(tp.occurredAt, '2026-03-01T15:00:00.000Z');
    assert.deepEqual(tp.createdBy, { id: w.users.standard.id, name: 'Sam Standard' });
    const timeline = (
      await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/timeline`)
    ).json().data;
    assert.equal(timeline[0].type, 'touchpoint');
    assert.equal(timeline[0].payload.touchpointId, tp.id);
  });

  it('refuses participants from another account, bad types and other teams, writing nothing', async () => {
    const before = await snapshot(t, w);
    const bad = await api(t, w.tokens.standard).post(url(), {
      type: 'call',
      subject: 'x',
      participantIds: [w.contacts.cB.id],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.participantIds.0');
    assert.equal(
      (await api(t, w.tokens.standard).post(url(), { type: 'fax', subject: 'x' })).statusCode,
      400,
    );
    assert.equal(
      (await api(t, w.tokens.standard).post(url(), { type: 'call', subject: '' })).statusCode,
      400,
    );
    assert.equal(
      (await api(t, w.tokens.standardB).post(url(), { type: 'call', subject: 'x' })).statusCode,
      404,
    );
    assert.equal((await api(t, w.tokens.standardB).get(url())).statusCode, 404);
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('lists newest first with a cursor that serves each touchpoint once', async () => {
    for (let i = 0; i < 7; i++) {
      await api(t, w.tokens.standard).post(url(), {
        type: 'note',
        subject: `N${i}`,
        occurredAt: `2026-02-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
      });
    }
    const seen: Array<{ id: string; occurredAt: string }> = [];
    let cursor: string | null = null;
    do {
      const res = await api(t, w.tokens.standard).get(
        `${url()}?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json().data);
      cursor = res.json().nextCursor;
    } while (cursor);
    assert.equal(seen.length, 8);
    assert.equal(new Set(seen.map((s) => s.id)).size, 8);
    const times = seen.map((s) => s.occurredAt);
    assert.deepEqual(times, [...times].sort().reverse());
  });
});
