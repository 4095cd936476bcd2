// SPEC §2: play tasks carry their play's overall-accountability user; the task API shows it (id and name).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

describe('the task API names the overall-accountability user', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const get = (token: string, url: string) =>
    p.t.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('a play task shows its play owner as accountable; a manual task shows nobody', async () => {
    const play = await p.play({ name: 'Owned by Avery' });
    await p.newAccounts(1, { health: 'red' });
    await p.drain();
    const [fired] = await p.openTasks(play.id);
    assert.ok(fired, 'the play fired');

    const res = await get(p.w.tokens.standard, `/api/v1/tasks/${fired.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().accountabilityUser, {
      id: p.w.users.advanced.id,
      name: 'Avery Advanced',
    });

    const manual = await p.t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(p.w.tokens.standard),
      payload: {
        accountId: p.w.acmeA.id,
        flowId: p.w.flow.id,
        title: 'Call',
        description: 'x',
        assignee: { userId: p.w.users.standard.id },
        dueDate: '2026-03-09',
      },
    });
    assert.equal(manual.statusCode, 201, manual.body);
    assert.equal(manual.json().accountabilityUser, null);
    assert.equal(
      (await get(p.w.tokens.standard, `/api/v1/tasks/${manual.json().id}`)).json()
        .accountabilityUser,
      null,
    );
  });
});
