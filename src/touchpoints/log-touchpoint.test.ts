// Issue 9: logging a touchpoint from "+" / the account page (participants named on the timeline, a
// date that is not in the future, files attached to it) and a completed task naming its follow-up.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { multipart } from '../test/multipart.ts';
import { describeEvent } from '../timeline/describe-event.ts';
import { api, createTodo, snapshot, world, type World } from '../tasks/test-fixtures.ts';

describe('logging a touchpoint and a task’s follow-up', () => {
  let t: TestContext;
  let w: World;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());
  const url = () => `/api/v1/accounts/${w.acmeA.id}/touchpoints`;

  it('names the participants on the account timeline and keeps the files attached to it', async () => {
    const res = await api(t, w.tokens.standard).post(url(), {
      type: 'call',
      subject: 'Renewal call',
      participantIds: [w.contacts.c1.id],
      occurredAt: '2026-03-01T15:00:00Z',
    });
    assert.equal(res.statusCode, 201, res.body);
    const tp = res.json();
    const m = multipart([
      { name: 'touchpointId', data: tp.id },
      { name: 'file', filename: 'minutes.txt', type: 'text/plain', data: 'Agreed to renew.' },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${w.acmeA.id}/attachments`,
      headers: { authorization: `Bearer ${w.tokens.standard}`, ...m.headers },
      payload: m.payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const listed = await api(t, w.tokens.standard).get(
      `/api/v1/accounts/${w.acmeA.id}/attachments?touchpointId=${tp.id}`,
    );
    assert.deepEqual(
      listed.json().data.map((a: { filename: string }) => a.filename),
      ['minutes.txt'],
    );
    const timeline = (
      await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/timeline`)
    ).json().data;
    const entry = timeline.find(
      (e: { payload: { touchpointId?: string } }) => e.payload.touchpointId === tp.id,
    );
    assert.deepEqual(entry.payload.participants, [
      { type: 'contact', id: w.contacts.c1.id, name: 'Carla Contact' },
    ]);
    assert.equal(
      describeEvent(entry, { attributeLabel: () => undefined }),
      'Call logged: Renewal call with Carla Contact',
    );
  });

  it('refuses a date in the future or not a date, with its path, writing nothing', async () => {
    const before = await snapshot(t, w);
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    for (const occurredAt of [tomorrow, '2026-02-30', 'yesterday']) {
      const res = await api(t, w.tokens.standard).post(url(), {
        type: 'note',
        subject: 'Later',
        occurredAt,
      });
      assert.equal(res.statusCode, 400, occurredAt);
      assert.equal(res.json().error.details[0].path, 'body.occurredAt', occurredAt);
    }
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('does not let a standard user log on another team’s account (404, nothing written)', async () => {
    const before = await snapshot(t, w);
    const res = await api(t, w.tokens.standardB).post(url(), {
      type: 'meeting',
      subject: 'Not mine',
      occurredAt: '2026-03-01T10:00:00Z',
    });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await snapshot(t, w), before);
  });

  it('a completed task names the follow-up it created, until that follow-up is deleted', async () => {
    const plain = await createTodo(t, w);
    await api(t, w.tokens.standard).post(`/api/v1/tasks/${plain.id}/complete`, {});
    const plainDetail = await api(t, w.tokens.standard).get(`/api/v1/tasks/${plain.id}`);
    assert.equal(plainDetail.json().followUp, null);

    const task = await createTodo(t, w);
    const done = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/complete`, {
      followUp: {
        title: 'Send the renewal quote',
        description: 'As agreed on the call',
        dueDate: '2026-03-09',
        assignee: { userId: w.users.standard.id },
        priority: 'normal',
      },
    });
    assert.equal(done.statusCode, 200, done.body);
    const followUpTaskId = done.json().followUpTaskId;
    assert.deepEqual(done.json().task.followUp, {
      id: followUpTaskId,
      name: 'Send the renewal quote',
    });
    const detail = await api(t, w.tokens.standard).get(`/api/v1/tasks/${task.id}`);
    assert.deepEqual(detail.json().followUp, {
      id: followUpTaskId,
      name: 'Send the renewal quote',
    });

    await api(t, w.tokens.standard).del(`/api/v1/tasks/${followUpTaskId}`);
    const after = await api(t, w.tokens.standard).get(`/api/v1/tasks/${task.id}`);
    assert.equal(after.json().followUp, null);
  });
});
