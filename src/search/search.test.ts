import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';
import type { SearchResult } from './schema.ts';

// The header's global search, driven through the API as the web app does.
describe('global search', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let other: Awaited<ReturnType<typeof seedWorkspace>>;
  const search = async (q: string, token: string, extra = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}`,
      headers: bearer(token),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as SearchResult;
  };
  const post = async (token: string, url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string };
  };
  const task = (token: string, accountId: string, title: string, userId: string) =>
    post(token, '/api/v1/tasks', {
      accountId,
      flowId: w.flow.id,
      title,
      description: 'Talk it through.',
      assignee: { userId },
      dueDate: '2030-01-15',
    });

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps, 'srch');
    other = await seedWorkspace(t.deps, 'srch2');
    const admin = w.tokens.admin;
    const acmeCorp = await post(admin, '/api/v1/accounts', {
      name: 'Acme Corporation',
      externalId: 'acme-corp',
      teams: [w.teamA.id],
    });
    // Team B's records all say "acme" too: a team A user must never see them.
    const acmeB = await post(admin, '/api/v1/accounts', {
      name: 'Acme Secret B',
      teams: [w.teamB.id],
    });
    await post(admin, '/api/v1/accounts', { name: 'Pinnacle Acme', teams: [w.teamA.id] });
    await post(admin, '/api/v1/accounts', { name: '100% Growth_Co', teams: [w.teamA.id] });
    await post(admin, '/api/v1/accounts', { name: '1000 Growth Co', teams: [w.teamA.id] });
    await post(admin, '/api/v1/contacts', {
      accountId: acmeCorp.id,
      firstName: 'Wile',
      lastName: 'Coyote',
      email: 'wile@acme.test',
    });
    await post(admin, '/api/v1/contacts', {
      accountId: acmeB.id,
      firstName: 'Hidden',
      lastName: 'Person',
      email: 'hidden@acme.test',
    });
    await task(admin, acmeCorp.id, 'Renew the Acme contract', w.users.standard.id);
    await task(admin, acmeB.id, 'Acme B secret plan', w.users.standardB.id);
    await post(other.tokens.admin, '/api/v1/accounts', { name: 'Acme Elsewhere' });
  });
  after(() => t.close());

  it('finds accounts, contacts and tasks, matches at the start first', async () => {
    const r = await search('acme', w.tokens.admin);
    assert.deepEqual(
      r.accounts.map((a) => a.name),
      ['Acme', 'Acme Corporation', 'Acme Secret B', 'Pinnacle Acme'],
    );
    assert.deepEqual(
      r.contacts.map((c) => [c.name, c.email, c.account.name]),
      [
        ['Wile Coyote', 'wile@acme.test', 'Acme Corporation'],
        ['Hidden Person', 'hidden@acme.test', 'Acme Secret B'],
      ],
    );
    assert.deepEqual(r.tasks.map((x) => x.title).sort(), [
      'Acme B secret plan',
      'Renew the Acme contract',
    ]);
    assert.equal((await search('coyote', w.tokens.admin)).contacts[0]?.name, 'Wile Coyote');
    assert.equal((await search('Wile Coy', w.tokens.admin)).contacts.length, 1);
    assert.deepEqual(
      (await search('acme-corp', w.tokens.admin)).accounts.map((a) => a.name),
      ['Acme Corporation'],
    );
  });

  it('a standard user never finds another team’s account, contact or task, nor another workspace', async () => {
    const r = await search('acme', w.tokens.standard);
    assert.deepEqual(
      r.accounts.map((a) => a.name),
      ['Acme', 'Acme Corporation', 'Pinnacle Acme'],
    );
    assert.deepEqual(
      r.contacts.map((c) => c.name),
      ['Wile Coyote'],
    );
    assert.deepEqual(
      r.tasks.map((x) => x.title),
      ['Renew the Acme contract'],
    );
    const b = await search('acme', w.tokens.standardB);
    assert.deepEqual(
      b.accounts.map((a) => a.name),
      ['Acme Secret B'],
    );
    assert.deepEqual(
      b.tasks.map((x) => x.title),
      ['Acme B secret plan'],
    );
    const body = JSON.stringify(await search('e', w.tokens.standard, '&limit=20'));
    for (const secret of ['Secret B', 'Hidden', 'secret plan', 'Elsewhere'])
      assert.ok(!body.includes(secret), `standard user sees ${secret}`);
  });

  it('takes % and _ literally and bounds each kind by the limit', async () => {
    assert.deepEqual(
      (await search('100%', w.tokens.admin)).accounts.map((a) => a.name),
      ['100% Growth_Co'],
    );
    assert.deepEqual(
      (await search('h_c', w.tokens.admin)).accounts.map((a) => a.name),
      ['100% Growth_Co'],
    );
    const r = await search('a', w.tokens.admin, '&limit=2');
    assert.equal(r.accounts.length, 2);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/search?q=%20&limit=500',
      headers: bearer(w.tokens.admin),
    });
    assert.equal(bad.statusCode, 400);
    const paths = (bad.json().error.details as Array<{ path: string }>).map((d) => d.path).sort();
    assert.deepEqual(paths, ['query.limit', 'query.q']);
  });
});
