// Play versions through the API (SPEC §5): an enabled play's edit is a draft the engine ignores until
// published; runs record the version they fired; restore, discard, the 409/428 rules, who may.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import { bearer } from '../../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';

describe('play versions', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
    token = p.w.tokens.advanced,
  ) =>
    p.t.app.inject({
      method,
      url,
      headers: { ...bearer(token), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const call = (title: string, dueInDays: number) => ({
    id: 'call',
    type: 'create_task',
    title,
    description: 'Book it',
    dueInDays,
    flowId: p.w.flow.id,
    assignee: { type: 'user', userId: p.w.users.standard.id },
  });
  const hook = {
    id: 'hook',
    type: 'webhook',
    webhook: {
      name: 'CRM',
      urlTemplate: 'https://example.test/{{account.external_id}}',
      auth: { type: 'token', header: 'x-api-key', value: 'v3rs1on-s3cret' },
    },
  };
  /** A new account turning red enters the play; answers the title of the task it got. */
  const enterOne = async (playId: string) => {
    const [a] = await p.newAccounts(1, { health: 'green' });
    await p.setAttrs(a!.id, { health: 'red' });
    await p.drain();
    const mine = (await p.playTasks(playId)).filter((x) => x.accountId === a!.id);
    assert.equal(mine.length, 1);
    return { title: mine[0]!.title, name: a!.name, due: mine[0]!.dueDate };
  };
  /** The versions the play's firings ran, each once (the test clock stands still, so runs tie on time). */
  const firedVersions = async (playId: string) => {
    const runs = await api('GET', `/api/v1/plays/${playId}/runs`);
    assert.equal(runs.statusCode, 200, runs.body);
    const fired = runs
      .json()
      .data.filter((r: { counts: { targets: number } }) => r.counts.targets > 0)
      .map((r: { playVersion: number }) => r.playVersion);
    return [...new Set<number>(fired)].sort();
  };

  it('keeps firing the version in force until the draft is published, and records it on each run', async () => {
    const created = await api('POST', '/api/v1/plays', {
      name: 'Red accounts',
      description: 'Call when health turns red',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
      actions: [call('Call {{account.name}}', 3), hook],
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.equal(created.json().draft, null);
    const enabled = await api('POST', `/api/v1/plays/${id}/enable`, { fireNow: false });
    assert.equal(enabled.statusCode, 200, enabled.body);

    const first = await enterOne(id);
    assert.equal(first.title, `Call ${first.name}`);
    assert.deepEqual(await firedVersions(id), [1]);

    // The edit of an enabled play is a draft: the play still answers (and fires) version 1.
    const v = (await api('GET', `/api/v1/plays/${id}`)).json().version;
    const edited = await api('PATCH', `/api/v1/plays/${id}`, {
      version: v,
      name: 'Red accounts (renamed)',
      actions: [
        call('Visit {{account.name}}', 5),
        { ...hook, webhook: { ...hook.webhook, auth: undefined } },
      ],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().version, v + 1);
    assert.equal(edited.json().publishedVersion, 1);
    assert.equal(edited.json().name, 'Red accounts (renamed)', 'the name is not versioned');
    assert.equal(edited.json().actions[0].title, 'Call {{account.name}}');
    assert.equal(edited.json().draft.number, 2);
    assert.equal(edited.json().draft.createdBy, p.w.users.advanced.id);
    const got = await api('GET', `/api/v1/plays/${id}`);
    assert.equal(got.json().draft.number, 2);

    const during = await enterOne(id);
    assert.equal(
      during.title,
      `Call ${during.name}`,
      'a record entering after the edit gets the old task',
    );
    assert.deepEqual(await firedVersions(id), [1]);

    const history = await api('GET', `/api/v1/plays/${id}/versions`);
    assert.equal(history.statusCode, 200, history.body);
    assert.deepEqual(
      history
        .json()
        .data.map((x: { number: number; inForce: boolean; publishedAt: string | null }) => [
          x.number,
          x.inForce,
          x.publishedAt !== null,
        ]),
      [
        [1, true, true],
        [2, false, false],
      ],
    );
    assert.equal(history.json().data[1].createdByName, p.w.users.advanced.name);
    const draftDef = await api('GET', `/api/v1/plays/${id}/versions/2`);
    assert.equal(draftDef.statusCode, 200, draftDef.body);
    assert.equal(draftDef.json().definition.actions[0].title, 'Visit {{account.name}}');
    assert.equal(draftDef.json().definition.actions[1].webhook.hasCredentials, true);
    assert.equal(draftDef.body.includes('v3rs1on-s3cret'), false, 'credentials are never returned');
    assert.equal((await api('GET', `/api/v1/plays/${id}/versions/9`)).statusCode, 404);

    // Publishing names the version read: 428 without, 409 when stale; then version 2 is in force.
    const current = got.json().version;
    const none = await api('POST', `/api/v1/plays/${id}/publish`, {});
    assert.equal(none.statusCode, 428, none.body);
    const stale = await api('POST', `/api/v1/plays/${id}/publish`, { version: current - 1 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(
      (await api('GET', `/api/v1/plays/${id}`)).json().publishedVersion,
      1,
      'nothing changed',
    );
    const published = await api('POST', `/api/v1/plays/${id}/publish`, undefined, {
      'if-match': `"${current}"`,
    });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().publishedVersion, 2);
    assert.equal(published.json().draft, null);
    assert.equal(published.json().actions[0].title, 'Visit {{account.name}}');
    assert.equal(published.headers.etag, `"${current + 1}"`);

    const afterPublish = await enterOne(id);
    assert.equal(afterPublish.title, `Visit ${afterPublish.name}`);
    assert.deepEqual(await firedVersions(id), [1, 2]);
    const again = await api('POST', `/api/v1/plays/${id}/publish`, { version: current + 1 });
    assert.equal(again.statusCode, 409, 'no draft to publish');

    // Restoring version 1 of an enabled play makes it the draft; publishing puts it back in force.
    const restored = await api('POST', `/api/v1/plays/${id}/versions/1/restore`, {
      version: current + 1,
    });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().publishedVersion, 2);
    assert.equal(restored.json().draft.number, 3);
    assert.equal(
      (await api('GET', `/api/v1/plays/${id}/versions/3`)).json().definition.actions[0].title,
      'Call {{account.name}}',
    );
    assert.equal((await enterOne(id)).title.startsWith('Visit '), true);
    const back = await api('POST', `/api/v1/plays/${id}/publish`, { version: current + 2 });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().publishedVersion, 3);
    const restoredFire = await enterOne(id);
    assert.equal(restoredFire.title, `Call ${restoredFire.name}`);
    assert.deepEqual(await firedVersions(id), [1, 2, 3]);

    const kinds = (
      await p.t.deps.db.select().from(auditEvents).where(eq(auditEvents.targetId, id))
    ).map((e) => e.kind);
    assert.deepEqual(kinds.sort(), ['play.published', 'play.published', 'play.version_restored']);
  });

  it('discards a draft, and an edit back to the version in force leaves no draft', async () => {
    const id = (
      await api('POST', '/api/v1/plays', {
        name: 'Discard me',
        description: 'x',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'amber' },
        actions: [call('First {{account.name}}', 2)],
      })
    ).json().id;
    await api('POST', `/api/v1/plays/${id}/enable`, { fireNow: false });
    let v = (await api('GET', `/api/v1/plays/${id}`)).json().version;
    const edit = await api('PATCH', `/api/v1/plays/${id}`, {
      version: v,
      actions: [call('Second {{account.name}}', 2)],
    });
    assert.equal(edit.json().draft.number, 2);
    v = edit.json().version;
    const stale = await api('DELETE', `/api/v1/plays/${id}/draft`, undefined, {
      'if-match': `"${v - 1}"`,
    });
    assert.equal(stale.statusCode, 409, stale.body);
    const discarded = await api('DELETE', `/api/v1/plays/${id}/draft`, undefined, {
      'if-match': `"${v}"`,
    });
    assert.equal(discarded.statusCode, 200, discarded.body);
    assert.equal(discarded.json().draft, null);
    assert.equal((await api('GET', `/api/v1/plays/${id}`)).json().draft, null);
    assert.equal((await api('DELETE', `/api/v1/plays/${id}/draft`)).statusCode, 404);
    assert.deepEqual(
      (await api('GET', `/api/v1/plays/${id}/versions`))
        .json()
        .data.map((x: { number: number }) => x.number),
      [1],
    );
    // A draft that ends up equal to the version in force is no change.
    v = discarded.json().version;
    const one = await api('PATCH', `/api/v1/plays/${id}`, {
      version: v,
      actions: [call('Third', 2)],
    });
    assert.equal(one.json().draft.number, 2);
    const undone = await api('PATCH', `/api/v1/plays/${id}`, {
      version: one.json().version,
      actions: [call('First {{account.name}}', 2)],
    });
    assert.equal(undone.statusCode, 200, undone.body);
    assert.equal(undone.json().draft, null);
    const [audit] = await p.t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, id));
    assert.equal(audit!.kind, 'play.draft_discarded');
  });

  it('publishes a disabled play at once, and restores by publishing', async () => {
    const id = (
      await api('POST', '/api/v1/plays', {
        name: 'Disabled',
        description: 'x',
        subject: 'accounts',
        trigger: { type: 'manual' },
        actions: [call('One', 2)],
      })
    ).json().id;
    const edit = await api('PATCH', `/api/v1/plays/${id}`, {
      version: 1,
      actions: [call('Two', 4)],
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(edit.json().draft, null);
    assert.equal(edit.json().publishedVersion, 2);
    assert.equal(edit.json().actions[0].title, 'Two');
    const restore = await api('POST', `/api/v1/plays/${id}/versions/1/restore`, {});
    assert.equal(restore.statusCode, 428, restore.body);
    const restored = await api('POST', `/api/v1/plays/${id}/versions/1/restore`, { version: 2 });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal(restored.json().publishedVersion, 3);
    assert.equal(restored.json().actions[0].title, 'One');
    const list = (await api('GET', `/api/v1/plays/${id}/versions`)).json().data;
    assert.deepEqual(
      list.map((x: { number: number; inForce: boolean }) => [x.number, x.inForce]),
      [
        [1, false],
        [2, false],
        [3, true],
      ],
    );
  });

  it('refuses standard users (403) and bad input with the one error shape', async () => {
    const id = (
      await api('POST', '/api/v1/plays', {
        name: 'Guarded',
        description: 'x',
        subject: 'accounts',
        trigger: { type: 'manual' },
        actions: [call('One', 2)],
      })
    ).json().id;
    const std = p.w.tokens.standard;
    for (const [method, url, body] of [
      ['GET', `/api/v1/plays/${id}/versions`, undefined],
      ['GET', `/api/v1/plays/${id}/versions/1`, undefined],
      ['POST', `/api/v1/plays/${id}/publish`, { version: 1 }],
      ['POST', `/api/v1/plays/${id}/versions/1/restore`, { version: 1 }],
      ['DELETE', `/api/v1/plays/${id}/draft`, undefined],
    ] as const) {
      const res = await api(method, url, body, {}, std);
      assert.equal(res.statusCode, 403, `${method} ${url} → ${res.body}`);
    }
    const bad = await api('GET', `/api/v1/plays/${id}/versions/zero`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'params.number');
  });
});
