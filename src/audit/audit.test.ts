import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { actor, type TestContext } from '../test/harness.ts';
import { injectAs, twoWorkspaces, type Seeded } from '../test/fixtures.ts';
import { auditEvents } from '../db/schema/index.ts';
import { recordAudit } from './record-audit.ts';

type Ev = {
  id: string;
  createdAt: string;
  kind: string;
  description: string;
  changes: Record<string, unknown>;
  actor: { id: string; name: string; via: string; ip: string | null };
  target: { type: string; id: string | null; name: string | null };
};

describe('audit log', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  const secrets: string[] = [];
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const inject = injectAs(() => t);
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    token = w.tokens.admin,
    payload?: object,
  ) => inject(method, url, token, payload);
  const all = async (token = w.tokens.admin): Promise<Ev[]> => {
    const res = await call('GET', '/api/v1/audit-events?limit=200', token);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().data;
  };
  /** Runs `action` and returns the one event it recorded, checking it is of `kind` and the only new one. */
  const one = async (
    kind: string,
    action: () => Promise<{ statusCode: number; body: string }>,
  ): Promise<Ev> => {
    const seen = new Set((await all()).map((e) => e.id));
    const res = await action();
    assert.ok(res.statusCode < 300, `${kind}: ${res.statusCode} ${res.body}`);
    const added = (await all()).filter((e) => !seen.has(e.id));
    assert.deepEqual(
      added.map((e) => e.kind),
      [kind],
    );
    return added[0]!;
  };
  const byAdmin = (e: Ev) => {
    assert.deepEqual(e.actor, {
      id: w.users.admin.id,
      name: 'Admin',
      via: 'token',
      ip: '127.0.0.1',
    });
  };

  it('records each admin action once, with actor, target, change summary and words', async () => {
    const password = 'Initial-Passw0rd-123';
    secrets.push(password);
    const created = await one('user.created', () =>
      call('POST', '/api/v1/users', w.tokens.admin, {
        name: 'Nia New',
        email: 'nia@w1.test',
        role: 'standard',
        password,
      }),
    );
    byAdmin(created);
    const nia = created.target.id!;
    assert.deepEqual(created.target, { type: 'user', id: nia, name: 'Nia New' });
    assert.deepEqual(created.changes, { email: 'nia@w1.test', role: 'standard', teamIds: [] });
    assert.equal(created.description, 'added user “Nia New” as standard');

    const newPassword = 'Changed-Passw0rd-456';
    secrets.push(newPassword);
    const promoted = await one('user.updated', () =>
      call('PATCH', `/api/v1/users/${nia}`, w.tokens.admin, {
        role: 'advanced',
        password: newPassword,
        name: 'Nia N',
      }),
    );
    assert.deepEqual(promoted.changes, {
      role: { before: 'standard', after: 'advanced' },
      name: { before: 'Nia New', after: 'Nia N' },
      password: { before: '[redacted]', after: '[redacted]' },
    });
    assert.match(promoted.description, /^edited user “Nia N” \(changed: .*role.*\)$/);

    const disabled = await one('user.disabled', () =>
      call('POST', `/api/v1/users/${nia}/disable`, w.tokens.admin, {
        transferToUserId: w.users.admin.id,
      }),
    );
    assert.deepEqual(disabled.changes.transferTo, { id: w.users.admin.id, name: 'Admin' });
    assert.equal(disabled.description, 'disabled user “Nia N” (work handed to Admin)');
    await one('user.enabled', () => call('POST', `/api/v1/users/${nia}/enable`));

    const team = await one('team.created', () =>
      call('POST', '/api/v1/teams', w.tokens.admin, { name: 'Team C' }),
    );
    const teamId = team.target.id!;
    const renamed = await one('team.renamed', () =>
      call('PATCH', `/api/v1/teams/${teamId}`, w.tokens.admin, { name: 'Team Sea' }),
    );
    assert.deepEqual(renamed.changes, { name: { before: 'Team C', after: 'Team Sea' } });
    const members = await one('team.members_set', () =>
      call('PUT', `/api/v1/teams/${teamId}/members`, w.tokens.admin, { userIds: [nia] }),
    );
    assert.deepEqual(members.changes, { memberIds: { before: [], after: [nia] } });
    assert.deepEqual(
      (await one('team.deleted', () => call('DELETE', `/api/v1/teams/${teamId}`))).target,
      { type: 'team', id: teamId, name: 'Team Sea' },
    );

    for (const [path, kind] of [
      ['account-roles', 'account_role'],
      ['flows', 'flow'],
    ] as const) {
      const made = await one(`${kind}.created`, () =>
        call('POST', `/api/v1/${path}`, w.tokens.admin, { name: `New ${kind}` }),
      );
      const edited = await one(`${kind}.renamed`, () =>
        call('PATCH', `/api/v1/${path}/${made.target.id}`, w.tokens.admin, { name: `Old ${kind}` }),
      );
      assert.deepEqual(edited.changes, { name: { before: `New ${kind}`, after: `Old ${kind}` } });
      const gone = await one(`${kind}.deleted`, () =>
        call('DELETE', `/api/v1/${path}/${made.target.id}`),
      );
      assert.equal(gone.target.name, `Old ${kind}`);
    }

    const attr = await one('attribute.created', () =>
      call('POST', '/api/v1/attribute-definitions', w.tokens.admin, {
        entity: 'account',
        key: 'tier',
        label: 'Tier',
        type: 'text',
      }),
    );
    assert.deepEqual(attr.changes, { entity: 'account', key: 'tier', type: 'text' });
    const relabel = await one('attribute.updated', () =>
      call('PATCH', `/api/v1/attribute-definitions/${attr.target.id}`, w.tokens.admin, {
        label: 'Plan tier',
      }),
    );
    assert.deepEqual(relabel.changes, { label: { before: 'Tier', after: 'Plan tier' } });
    const form = await one('form.created', () =>
      call('POST', '/api/v1/forms', w.tokens.admin, {
        name: 'Intake',
        accountType: 'customer',
        fields: [{ attributeKey: 'tier' }],
      }),
    );
    assert.equal(form.changes.fieldCount, 1);
    const formEdit = await one('form.updated', () =>
      call('PATCH', `/api/v1/forms/${form.target.id}`, w.tokens.admin, { name: 'Intake v2' }),
    );
    assert.deepEqual(formEdit.changes, { name: { before: 'Intake', after: 'Intake v2' } });
    await one('form.deleted', () => call('DELETE', `/api/v1/forms/${form.target.id}`));
    const attrGone = await one('attribute.deleted', () =>
      call('DELETE', `/api/v1/attribute-definitions/${attr.target.id}`),
    );
    assert.deepEqual(attrGone.changes, { entity: 'account', key: 'tier', clearedRecords: 0 });

    const settings = await one('workspace.updated', () =>
      call('PATCH', '/api/v1/workspace', w.tokens.admin, { name: 'Renamed WS' }),
    );
    assert.deepEqual(settings.changes, { name: { before: 'Workspace w1', after: 'Renamed WS' } });
    assert.equal(settings.description, 'changed the workspace settings (changed: name)');

    const allow = await one('webhook.allowlist_set', () =>
      call('PUT', '/api/v1/webhooks/allowlist', w.tokens.admin, { entries: ['10.0.0.0/8'] }),
    );
    assert.deepEqual(allow.changes, { entries: { before: [], after: ['10.0.0.0/8'] } });
    const delivery = await one('webhook.settings_updated', () =>
      call('PUT', '/api/v1/webhooks/settings', w.tokens.admin, {
        retrySchedule: [5, 60],
        timeoutMs: 3000,
      }),
    );
    assert.deepEqual(Object.keys(delivery.changes).sort(), ['retrySchedule', 'timeoutMs']);
    const oldSecret = (await call('GET', '/api/v1/webhooks/signing-secret')).json()
      .secret as string;
    const rotated = await one('webhook.signing_secret_rotated', () =>
      call('POST', '/api/v1/webhooks/signing-secret/rotate'),
    );
    assert.deepEqual(rotated.changes, {});
    secrets.push(
      oldSecret,
      (await call('GET', '/api/v1/webhooks/signing-secret')).json().secret as string,
    );

    const imported = await one('accounts.imported', () =>
      call('POST', '/api/v1/accounts/bulk', w.tokens.admin, {
        rows: [
          { externalId: 'imp-1', name: 'Imported' },
          { externalId: 'acme', name: 'Acme' },
        ],
      }),
    );
    assert.deepEqual(imported.changes, { created: 1, updated: 0, unchanged: 1 });
    assert.equal(imported.description, 'imported accounts (1 created, 0 updated, 1 unchanged)');
    const contacts = await one('contacts.imported', () =>
      call('POST', '/api/v1/contacts/bulk', w.tokens.admin, {
        rows: [{ externalId: 'c-1', accountExternalId: 'acme', firstName: 'Cy' }],
      }),
    );
    assert.deepEqual(contacts.changes, { created: 1, updated: 0, unchanged: 0 });
  });

  it('records API tokens created and revoked by whoever owns them, never the token itself', async () => {
    t.clock.advanceDays(1);
    const made = await one('api_token.created', () =>
      call('POST', '/api/v1/tokens', w.tokens.standard, { name: 'zapier' }),
    );
    const { token, id } =
      JSON.parse((await call('GET', '/api/v1/tokens', w.tokens.standard)).body).data.find(
        (x: { name: string }) => x.name === 'zapier',
      ) ?? {};
    assert.equal(token, undefined, 'the list never shows raw tokens');
    assert.deepEqual(made.actor, {
      id: w.users.standard.id,
      name: 'Sam Standard',
      via: 'token',
      ip: '127.0.0.1',
    });
    assert.deepEqual(made.target, { type: 'api_token', id, name: 'zapier' });
    assert.deepEqual(Object.keys(made.changes), ['prefix']);
    assert.equal(made.description, 'created API token “zapier”');
    await one('api_token.revoked', () => call('DELETE', `/api/v1/tokens/${id}`, w.tokens.standard));
    secrets.push(w.tokens.standard, w.tokens.admin);
  });

  it('captures the raw token of a created token and keeps it out of the log', async () => {
    const res = await call('POST', '/api/v1/tokens', w.tokens.admin, { name: 'raw' });
    secrets.push(res.json().token as string);
  });

  it('keeps every secret out of the JSON list and the CSV export', async () => {
    const json = (await call('GET', '/api/v1/audit-events?limit=200')).body;
    const csv = (await call('GET', '/api/v1/audit-events/export.csv')).body;
    assert.ok(secrets.length >= 6);
    for (const s of secrets) {
      assert.ok(!json.includes(s), `secret in JSON: ${s.slice(0, 4)}…`);
      assert.ok(!csv.includes(s), `secret in CSV: ${s.slice(0, 4)}…`);
    }
  });

  it('a rejected change (bad input, 409, 404) records nothing', async () => {
    const count = (await all()).length;
    const refused = [
      await call('POST', '/api/v1/users', w.tokens.admin, {
        name: 'X',
        email: 'not-an-email',
        role: 'standard',
      }),
      await call('POST', '/api/v1/users', w.tokens.admin, {
        name: 'Dup',
        email: 'nia@w1.test',
        role: 'standard',
      }),
      await call('POST', '/api/v1/teams', w.tokens.admin, { name: 'Team A' }),
      await call('DELETE', `/api/v1/teams/${w.teamA.id}`),
      await call('PUT', '/api/v1/webhooks/allowlist', w.tokens.admin, { entries: ['not a host!'] }),
      await call('POST', '/api/v1/accounts/bulk', w.tokens.admin, {
        rows: [
          { externalId: 'ok', name: 'Ok' },
          { externalId: '', name: '' },
        ],
      }),
      await call('POST', '/api/v1/attribute-definitions', w.tokens.admin, {
        entity: 'account',
        key: 'x',
        label: 'X',
        type: 'enum',
      }),
      await call('DELETE', '/api/v1/tokens/00000000-0000-4000-8000-000000000000', w.tokens.admin),
      await call('POST', '/api/v1/teams', w.tokens.standard, { name: 'Sneaky' }),
    ];
    for (const r of refused) assert.ok(r.statusCode >= 400, `${r.statusCode} ${r.body}`);
    assert.ok(refused.some((r) => r.statusCode === 409));
    assert.equal((await all()).length, count);
  });

  it('only admins read or export it, and only their own workspace’s', async () => {
    for (const token of [w.tokens.advanced, w.tokens.standardB]) {
      for (const url of ['/api/v1/audit-events', '/api/v1/audit-events/export.csv']) {
        const res = await call('GET', url, token);
        assert.equal(res.statusCode, 403);
        assert.equal(res.json().error.code, 'forbidden');
      }
    }
    assert.equal((await call('GET', '/api/v1/audit-events')).statusCode, 200);
    assert.deepEqual(await all(w2.tokens.admin), []);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events' })).statusCode,
      401,
    );
  });

  it('pages with a cursor and filters by kind, actor and time; bad filters are 400 on query.*', async () => {
    const every = await all();
    const paged: Ev[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        'GET',
        `/api/v1/audit-events?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = res.json();
      assert.ok(body.data.length <= 7);
      paged.push(...body.data);
      cursor = body.nextCursor;
    } while (cursor);
    assert.deepEqual(
      paged.map((e) => e.id),
      every.map((e) => e.id),
    );
    assert.equal(every.length, 29);
    const times = every.map((e) => e.createdAt);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');

    const kind = (await call('GET', '/api/v1/audit-events?kind=team.created')).json().data as Ev[];
    assert.deepEqual(
      kind.map((e) => e.target.name),
      ['Team C'],
    );
    const mine = (await call('GET', `/api/v1/audit-events?actorId=${w.users.standard.id}`)).json()
      .data as Ev[];
    assert.deepEqual(
      mine.map((e) => e.kind),
      ['api_token.revoked', 'api_token.created'],
    );
    const later = (await call('GET', '/api/v1/audit-events?from=2026-03-03T00:00:00Z')).json()
      .data as Ev[];
    assert.deepEqual(
      later.map((e) => e.kind),
      ['api_token.created', 'api_token.revoked', 'api_token.created'],
    );
    const earlier = (await call('GET', '/api/v1/audit-events?to=2026-03-02T23:59:59Z')).json()
      .data as Ev[];
    assert.equal(earlier.length + later.length, every.length);

    for (const [url, path] of [
      ['/api/v1/audit-events?kind=user.exploded', 'query.kind'],
      ['/api/v1/audit-events?actorId=nope', 'query.actorId'],
      ['/api/v1/audit-events?cursor=garbage', 'query.cursor'],
      ['/api/v1/audit-events?from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z', 'query.from'],
      ['/api/v1/audit-events/export.csv?from=yesterday', 'query.from'],
    ]) {
      const res = await call('GET', url!);
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.details[0].path, path, url);
    }
  });

  it('exports CSV with a header and one row per event, filters applied', async () => {
    const every = await all();
    const res = await call('GET', '/api/v1/audit-events/export.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const lines = res.body.split('\r\n').filter(Boolean);
    assert.equal(
      lines[0],
      'created_at,actor_id,actor_name,via,ip,kind,target_type,target_id,target_name,description,changes',
    );
    assert.equal(lines.length, every.length + 1);
    assert.ok(lines.some((l) => l.includes('disabled user “Nia N” (work handed to Admin)')));
    const teams = (await call('GET', '/api/v1/audit-events/export.csv?kind=team.deleted')).body
      .split('\r\n')
      .filter(Boolean);
    assert.equal(teams.length, 2);
    assert.match(teams[1]!, /,Admin,token,127\.0\.0\.1,team\.deleted,team,[0-9a-f-]{36},Team Sea,/);
  });

  it('an entry shares its change’s transaction and is never updated', async () => {
    const admin = actor(w2.users.admin);
    const count = async () =>
      (
        await t.deps.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvents)
          .where(eq(auditEvents.workspaceId, w2.workspace.id))
      )[0]!.n;
    await assert.rejects(
      t.deps.db.transaction(async (tx) => {
        await recordAudit(
          tx,
          admin,
          { kind: 'team.deleted', target: { type: 'team', id: null, name: 'Ghost' }, changes: {} },
          t.clock.now(),
        );
        throw new Error('the change failed after its entry was written');
      }),
      /change failed/,
    );
    assert.equal(await count(), 0, 'the rolled-back change left no entry');
    await recordAudit(
      t.deps.db,
      admin,
      { kind: 'team.deleted', target: { type: 'team', id: null, name: 'Kept' }, changes: {} },
      t.clock.now(),
    );
    assert.equal(await count(), 1);
    await assert.rejects(
      t.deps.db
        .update(auditEvents)
        .set({ targetName: 'Edited' })
        .where(eq(auditEvents.workspaceId, w2.workspace.id)),
    );
  });
});
