import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer } from '../test/fixtures.ts';
import { playWorld, type PlayWorld } from '../plays/test-setup.ts';

// Plays and templates are edited from long-lived screens: an edit must name the version it read, like tasks and accounts.
describe('optimistic concurrency on plays and templates (version or If-Match, ETag)', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    p.t.app.inject({
      method,
      url,
      headers: { ...bearer(p.w.tokens.advanced), ...headers },
      ...(payload ? { payload } : {}),
    });

  const resources = () => [
    {
      kind: 'play',
      url: '/api/v1/plays',
      edit: { description: 'Edited' },
      field: 'description',
      create: {
        name: 'Renewal prep',
        description: 'Prepare renewals',
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'red' },
        actions: [
          {
            id: 't1',
            type: 'create_task',
            title: 'Call',
            description: 'Hi',
            dueInDays: 1,
            flowId: p.w.flow.id,
            assignee: { type: 'user', userId: p.w.users.standard.id },
          },
        ],
      },
    },
    {
      kind: 'template',
      url: '/api/v1/templates',
      edit: { title: 'Edited' },
      field: 'title',
      create: {
        name: 'Welcome call',
        title: 'Call {{account.name}}',
        description: 'Hi',
        dueOffsetDays: 3,
        priority: 'normal',
        flowId: p.w.flow.id,
        assigneeRule: { type: 'user', userId: p.w.users.advanced.id },
        outcomes: [],
        completionRules: { touchpointRequired: false },
      },
    },
  ];

  for (const i of [0, 1]) {
    it(`${['play', 'template'][i]}: ETag on create, read and edit; no version → 428 naming version; stale → 409 and nothing changed; If-Match works`, async () => {
      const r = resources()[i]!;
      const created = await call('POST', r.url, r.create);
      assert.equal(created.statusCode, 201, created.body);
      const { id, version } = created.json();
      assert.equal(created.headers.etag, `"${version}"`);
      const one = `${r.url}/${id}`;
      const got = await call('GET', one);
      assert.equal(got.headers.etag, `"${version}"`);

      const missing = await call('PATCH', one, r.edit);
      assert.equal(missing.statusCode, 428, missing.body);
      assert.deepEqual(
        missing.json().error.details.map((d: { path: string }) => d.path),
        ['body.version'],
      );

      const bad = await call('PATCH', one, r.edit, { 'if-match': 'yesterday' });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.details[0].path, 'headers.if-match');

      const viaHeader = await call('PATCH', one, r.edit, { 'if-match': `"${version}"` });
      assert.equal(viaHeader.statusCode, 200, viaHeader.body);
      assert.equal(viaHeader.json().version, version + 1);
      assert.equal(viaHeader.headers.etag, `"${version + 1}"`);

      for (const stale of [
        { body: { ...r.edit, [r.field]: 'Lost', version } },
        { body: { [r.field]: 'Lost' }, headers: { 'if-match': `W/"${version}"` } },
      ]) {
        const res = await call('PATCH', one, stale.body, stale.headers);
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().error.code, 'version_conflict');
      }
      const after = (await call('GET', one)).json();
      assert.equal(after.version, version + 1, 'a refused edit writes nothing');
      assert.equal(after[r.field], 'Edited');

      const viaBody = await call('PATCH', one, { ...r.edit, version: version + 1 });
      assert.equal(viaBody.statusCode, 200, viaBody.body);
      assert.equal(viaBody.headers.etag, `"${version + 2}"`);

      // DELETE honours If-Match when sent, like tasks and accounts.
      assert.equal(
        (await call('DELETE', one, undefined, { 'if-match': `"${version + 1}"` })).statusCode,
        409,
      );
      assert.equal((await call('GET', one)).statusCode, 200, 'a stale delete deletes nothing');
      assert.equal(
        (await call('DELETE', one, undefined, { 'if-match': `"${version + 2}"` })).statusCode,
        204,
      );
    });
  }
});
