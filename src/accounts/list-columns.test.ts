import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, seedWorkspace } from '../test/fixtures.ts';

type Row = { id: string; name: string; roles: Record<string, { id: string; name: string }> };

// The accounts list as an integration drives it: attribute and role columns, sorted and filtered.
describe('accounts list: sort and filter on attribute and role columns', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let roleId: string;
  const get = (url: string, token = w.tokens.admin) =>
    t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const send = async (method: 'POST' | 'PUT', url: string, payload: object) => {
    const res = await t.app.inject({ method, url, headers: bearer(w.tokens.admin), payload });
    assert.ok(res.statusCode < 300, res.body);
    return res.json();
  };
  /** Every page of a list, following the cursor two rows at a time. */
  const all = async (query: string, token = w.tokens.admin) => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/v1/accounts?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { data: Row[]; nextCursor: string | null };
      names.push(...body.data.map((a) => a.name));
      cursor = body.nextCursor;
    } while (cursor);
    return names;
  };

  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps, 'cols');
    for (const def of [
      { key: 'arr', label: 'ARR', type: 'number' },
      { key: 'health', label: 'Health', type: 'number' },
      { key: 'renewal_date', label: 'Renewal date', type: 'date' },
      { key: 'segment', label: 'Segment', type: 'text' },
    ])
      await send('POST', '/api/v1/attribute-definitions', { entity: 'account', ...def });
    roleId = (await send('POST', '/api/v1/account-roles', { name: 'Success Manager' })).id;
    const rows = [
      // ARR 9 sorts below 100 as a number (it would not as text).
      { name: 'Delta', attributes: { arr: 9, health: 80, renewal_date: '2027-03-01' } },
      { name: 'Echo', attributes: { arr: 100, health: 20, renewal_date: '2026-12-31' } },
      { name: 'Foxtrot', attributes: { arr: 100, health: 49.5 } },
      { name: 'Golf', attributes: { health: 50, segment: '50%_off' } },
      { name: 'Hotel', attributes: { arr: 2500.5, segment: '50 percent' } },
    ];
    for (const row of rows) {
      const acc = await send('POST', '/api/v1/accounts', { ...row, teams: [w.teamA.id] });
      if (row.name === 'Echo' || row.name === 'Golf')
        await send('PUT', `/api/v1/accounts/${acc.id}/roles/${roleId}`, {
          userId: w.users.standard.id,
        });
      if (row.name === 'Hotel')
        await send('PUT', `/api/v1/accounts/${acc.id}/roles/${roleId}`, {
          userId: w.users.advanced.id,
        });
    }
    // Team B's account has the highest ARR and the lowest health.
    await send('POST', '/api/v1/accounts', {
      name: 'Zulu B',
      teams: [w.teamB.id],
      attributes: { arr: 999999, health: 1 },
    });
  });
  after(() => t.close());

  it('sorts by a number attribute as numbers, empty values last in both directions, across pages', async () => {
    // Ties (and the empty values) by name, in the same direction.
    assert.deepEqual(await all('sort=attr.arr&dir=desc'), [
      'Zulu B',
      'Hotel',
      'Foxtrot',
      'Echo',
      'Delta',
      'Golf',
      'Beta',
      'Acme',
    ]);
    assert.deepEqual(await all('sort=attr.arr&dir=asc'), [
      'Delta',
      'Echo',
      'Foxtrot',
      'Hotel',
      'Zulu B',
      'Acme',
      'Beta',
      'Golf',
    ]);
  });

  it('sorts by name both ways across pages (the default order)', async () => {
    const names = ['Acme', 'Beta', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'Zulu B'];
    assert.deepEqual(await all(''), names);
    assert.deepEqual(await all('sort=name&dir=desc'), [...names].reverse());
  });

  it('sorts by a date attribute and by the role holder, and filters on them', async () => {
    assert.deepEqual((await all('sort=attr.renewal_date')).slice(0, 2), ['Echo', 'Delta']);
    assert.deepEqual(await all('filter=attr.renewal_date:lt:2027-01-01'), ['Echo']);
    assert.deepEqual((await all(`sort=role.${roleId}`)).slice(0, 3), ['Hotel', 'Echo', 'Golf']);
    assert.deepEqual(await all(`filter=role.${roleId}:eq:${w.users.standard.id}`), [
      'Echo',
      'Golf',
    ]);
    const list = (await get(`/api/v1/accounts?filter=role.${roleId}:set`)).json() as {
      data: Row[];
    };
    assert.deepEqual(
      list.data.map((a) => [a.name, a.roles[roleId]?.name]),
      [
        ['Echo', 'Sam Standard'],
        ['Golf', 'Sam Standard'],
        ['Hotel', 'Avery Advanced'],
      ],
    );
  });

  it('combines filters: health below 50 and ARR set, sorted by ARR descending', async () => {
    assert.deepEqual(await all('filter=attr.health:lt:50&sort=attr.arr&dir=desc'), [
      'Zulu B',
      'Foxtrot',
      'Echo',
    ]);
    assert.deepEqual(
      await all('filter=attr.health:lt:50&filter=attr.arr:set&filter=attr.health:gte:20'),
      ['Echo', 'Foxtrot'],
    );
    assert.deepEqual(await all('filter=attr.health:empty'), ['Acme', 'Beta', 'Hotel']);
    assert.deepEqual(await all('filter=attr.health:lte:49.5'), ['Echo', 'Foxtrot', 'Zulu B']);
    assert.deepEqual(await all('filter=attr.arr:gt:-1&filter=attr.arr:lt:100'), ['Delta']);
    // The user's % and _ are taken literally.
    assert.deepEqual(await all('filter=attr.segment:contains:50%_'), ['Golf']);
  });

  it('a standard user sorts and filters only within their teams', async () => {
    assert.deepEqual(await all('sort=attr.arr&dir=desc', w.tokens.standard), [
      'Hotel',
      'Foxtrot',
      'Echo',
      'Delta',
      'Golf',
      'Acme',
    ]);
    assert.deepEqual(await all('filter=attr.health:lt:10', w.tokens.standardB), ['Zulu B']);
    assert.deepEqual(await all('filter=attr.health:lt:10', w.tokens.standard), []);
  });

  it('refuses unknown columns, mistyped filters and a cursor of another sort with 400 and the path', async () => {
    const expect400 = async (query: string, path: string) => {
      const res = await get(`/api/v1/accounts?${query}`);
      assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
      const paths = (res.json().error.details as Array<{ path: string }>).map((d) => d.path);
      assert.deepEqual(paths, [path], query);
    };
    await expect400('sort=attr.nope', 'query.sort');
    await expect400('sort=role.not-a-uuid', 'query.sort');
    await expect400('sort=attributes', 'query.sort');
    await expect400('filter=attr.health:lt:fifty', 'query.filter');
    await expect400('filter=attr.health:contains:5', 'query.filter');
    await expect400('filter=attr.renewal_date:gt:2027-13-45', 'query.filter');
    await expect400('filter=attr.renewal_date:gt:2027-02-30', 'query.filter');
    await expect400('filter=attr.health:gt:0x10', 'query.filter');
    await expect400('filter=attr.health:gt:1e3', 'query.filter');
    await expect400('filter=attr.nope:eq:1', 'query.filter');
    await expect400('filter=health', 'query.filter');
    await expect400(`filter=role.${roleId}:eq:someone`, 'query.filter');
    const forged = (value: string) =>
      Buffer.from(JSON.stringify(['attr.arr', 'asc', value, 'Acme', w.acmeA.id])).toString(
        'base64url',
      );
    await expect400(`sort=attr.arr&cursor=${forged('1; drop')}`, 'query.cursor');
    await expect400(`sort=attr.arr&cursor=${forged('NaN')}`, 'query.cursor');
    const first = (await get('/api/v1/accounts?limit=1&sort=attr.arr')).json();
    await expect400(
      `sort=attr.health&cursor=${encodeURIComponent(first.nextCursor)}`,
      'query.cursor',
    );
  });
});
