import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../test/harness.ts';
import { injectAs, PASSWORD, twoWorkspaces, type Seeded } from '../test/fixtures.ts';

describe('users', () => {
  let t: TestContext, w: Seeded, w2: Seeded;
  before(async () => ({ t, w, w2 } = await twoWorkspaces()));
  after(() => t.close());

  const call = injectAs(() => t);
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('lists users to any signed-in user with teams, filters and a cursor', async () => {
    const res = await call('GET', '/api/v1/users', w.tokens.standard);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.data.length, 4);
    assert.equal(body.nextCursor, null);
    const sam = body.data.find((u: { email: string }) => u.email === 'standard@w1.test');
    assert.deepEqual(Object.keys(sam).sort(), [
      'email',
      'enabled',
      'id',
      'managerId',
      'name',
      'role',
      'teamIds',
    ]);
    assert.deepEqual(sam.teamIds, [w.teamA.id]);
    assert.ok(
      !body.data.some((u: { email: string }) => u.email.endsWith('w2.test')),
      'other workspace users never listed',
    );

    const byTeam = (
      await call('GET', `/api/v1/users?teamId=${w.teamB.id}`, w.tokens.standard)
    ).json();
    assert.deepEqual(
      byTeam.data.map((u: { email: string }) => u.email),
      ['standardb@w1.test'],
    );
    const byQ = (await call('GET', '/api/v1/users?q=avery', w.tokens.standard)).json();
    assert.deepEqual(
      byQ.data.map((u: { email: string }) => u.email),
      ['advanced@w1.test'],
    );
    const wild = (await call('GET', '/api/v1/users?q=%25', w.tokens.standard)).json();
    assert.equal(wild.data.length, 0, '% is matched literally');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await call(
          'GET',
          `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          w.tokens.admin,
        )
      ).json();
      seen.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 4);
    assert.equal(new Set(seen).size, 4);
    const bad = await call('GET', '/api/v1/users?cursor=nonsense', w.tokens.admin);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
  });

  it('other workspaces’ users are 404', async () => {
    const other = w2.users.standard.id;
    assert.equal((await call('GET', `/api/v1/users/${other}`, w.tokens.admin)).statusCode, 404);
    assert.equal(
      (await call('PATCH', `/api/v1/users/${other}`, w.tokens.admin, { name: 'x' })).statusCode,
      404,
    );
    assert.equal(
      (await call('POST', `/api/v1/users/${other}/enable`, w.tokens.admin)).statusCode,
      404,
    );
    const dis = await call('POST', `/api/v1/users/${other}/disable`, w.tokens.admin, {
      transferToUserId: w.users.standard.id,
    });
    assert.equal(dis.statusCode, 404);
    assert.equal(dis.json().error.code, 'not_found');
  });

  it('only admins create users', async () => {
    for (const token of [w.tokens.standard, w.tokens.advanced]) {
      const res = await call('POST', '/api/v1/users', token, {
        name: 'Nope',
        email: 'nope@w1.test',
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'forbidden');
      assert.ok(Array.isArray(res.json().error.details));
    }
    const list = (await call('GET', '/api/v1/users?q=nope', w.tokens.admin)).json();
    assert.equal(list.data.length, 0);
  });

  it('creates a user who can then sign in; e-mails are unique ignoring case', async () => {
    const res = await call('POST', '/api/v1/users', w.tokens.admin, {
      name: 'Nora New',
      email: 'Nora@W1.test',
      role: 'standard',
      password: 'long enough pw',
      managerId: w.users.advanced.id,
      teamIds: [w.teamA.id, w.teamB.id],
      phone: '+1 555 0100',
      timeZone: 'europe/paris',
      workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
      weeklyCapacityHours: 32,
      attributes: { region: 'emea', languages: ['fr', 'en'] },
      emailNotifications: false,
    });
    assert.equal(res.statusCode, 201, res.body);
    const u = res.json();
    assert.equal(u.email, 'nora@w1.test');
    assert.equal(u.timeZone, 'Europe/Paris');
    assert.equal(u.managerId, w.users.advanced.id);
    assert.deepEqual([...u.teamIds].sort(), [w.teamA.id, w.teamB.id].sort());
    assert.deepEqual(u.attributes, { region: 'emea', languages: ['fr', 'en'] });
    assert.equal(u.hasPassword, true);
    assert.equal((await login('nora@w1.test', 'long enough pw')).statusCode, 200);

    const dup = await call('POST', '/api/v1/users', w.tokens.admin, {
      name: 'Again',
      email: 'NORA@w1.TEST',
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'conflict');
    // Addresses are global (login is by e-mail alone), so another workspace cannot reuse one either.
    assert.equal(
      (await call('POST', '/api/v1/users', w2.tokens.admin, { name: 'X', email: 'nora@w1.test' }))
        .statusCode,
      409,
    );

    const noPassword = await call('POST', '/api/v1/users', w.tokens.admin, {
      name: 'Sso Only',
      email: 'sso@w1.test',
    });
    assert.equal(noPassword.statusCode, 201);
    assert.equal(noPassword.json().hasPassword, false);
    assert.equal(noPassword.json().role, 'standard');
  });

  it('refuses invalid profile fields with field paths', async () => {
    const base = { name: 'Bad', email: 'bad@w1.test' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ timeZone: '+01:00' }, 'body.timeZone'],
      [{ password: 'short' }, 'body.password'],
      [{ email: 'not-an-email' }, 'body.email'],
      [{ role: 'owner' }, 'body.role'],
      [{ weeklyCapacityHours: 169 }, 'body.weeklyCapacityHours'],
      [{ workingHours: { days: [7], start: '09:00', end: '17:00' } }, 'body.workingHours.days.0'],
      [{ workingHours: { days: [1], start: '18:00', end: '09:00' } }, 'body.workingHours.end'],
      [{ workingHours: { days: [1], start: '9am', end: '17:00' } }, 'body.workingHours.start'],
      [{ managerId: w2.users.admin.id }, 'body.managerId'],
      [{ teamIds: [w2.teamA.id] }, 'body.teamIds'],
      [{ attributes: { 'Bad Key': 'x' } }, 'body.attributes'],
      [{ surprise: true }, 'body'],
    ];
    for (const [extra, path] of cases) {
      const res = await call('POST', '/api/v1/users', w.tokens.admin, { ...base, ...extra });
      assert.equal(res.statusCode, 400, `${JSON.stringify(extra)} → ${res.body}`);
      const details: { path: string }[] = res.json().error.details;
      assert.ok(
        details.some((d) => d.path.startsWith(path)),
        `${JSON.stringify(extra)} → ${JSON.stringify(details)}`,
      );
    }
    assert.equal((await call('GET', '/api/v1/users?q=bad@', w.tokens.admin)).json().data.length, 0);
  });

  it('lets a user edit only their own safe fields', async () => {
    const me = w.users.standard.id;
    const ok = await call('PATCH', `/api/v1/users/${me}`, w.tokens.standard, {
      name: 'Sam S.',
      timeZone: 'America/New_York',
      phone: '+44 20',
      emailNotifications: false,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().name, 'Sam S.');
    assert.equal(ok.json().timeZone, 'America/New_York');
    for (const body of [
      { role: 'admin' },
      { teamIds: [w.teamB.id] },
      { email: 'sam@w1.test' },
      { managerId: w.users.advanced.id },
      { attributes: { region: 'emea' } },
    ]) {
      const res = await call('PATCH', `/api/v1/users/${me}`, w.tokens.standard, body);
      assert.equal(res.statusCode, 403, JSON.stringify(body));
      assert.equal(res.json().error.code, 'forbidden');
    }
    const other = await call('PATCH', `/api/v1/users/${w.users.standardB.id}`, w.tokens.advanced, {
      name: 'Hacked',
    });
    assert.equal(other.statusCode, 403);
    assert.equal(
      (await call('GET', `/api/v1/users/${w.users.standardB.id}`, w.tokens.admin)).json().name,
      'Bea B',
    );
    const role = (await call('GET', `/api/v1/users/${me}`, w.tokens.admin)).json();
    assert.equal(role.role, 'standard');
    assert.deepEqual(role.teamIds, [w.teamA.id]);
  });

  it("shows a colleague's phone and pool attributes only to themselves and admins", async () => {
    const me = w.users.standard.id;
    await call('PATCH', `/api/v1/users/${me}`, w.tokens.admin, {
      phone: '+44 20 7946 0000',
      attributes: { region: 'emea' },
    });
    const asColleague = (await call('GET', `/api/v1/users/${me}`, w.tokens.standardB)).json();
    assert.equal(asColleague.id, me);
    assert.equal(asColleague.phone, null);
    assert.deepEqual(asColleague.attributes, {});
    for (const token of [w.tokens.standard, w.tokens.admin]) {
      const seen = (await call('GET', `/api/v1/users/${me}`, token)).json();
      assert.equal(seen.phone, '+44 20 7946 0000');
      assert.deepEqual(seen.attributes, { region: 'emea' });
    }
  });

  it('changing your own password needs the current one and ends your other sessions', async () => {
    const me = w.users.standardB;
    const other = await login('standardb@w1.test', PASSWORD);
    const otherCookie = other.cookies.find((c) => c.name === 'pm_session')!.value;
    const s = await login('standardb@w1.test', PASSWORD);
    const cookie = s.cookies.find((c) => c.name === 'pm_session')!.value;
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${me.id}`,
        cookies: { pm_session: cookie },
        headers: { 'x-csrf-token': s.json().csrfToken },
        payload,
      });
    const missing = await patch({ password: 'a brand new password' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.details[0].path, 'body.currentPassword');
    assert.equal(
      (await patch({ password: 'a brand new password', currentPassword: 'wrong one!!' }))
        .statusCode,
      400,
    );
    assert.equal((await login('standardb@w1.test', 'a brand new password')).statusCode, 401);

    assert.equal(
      (await patch({ password: 'a brand new password', currentPassword: PASSWORD })).statusCode,
      200,
    );
    assert.equal((await login('standardb@w1.test', 'a brand new password')).statusCode, 200);
    assert.equal(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/me',
          cookies: { pm_session: otherCookie },
        })
      ).statusCode,
      401,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { pm_session: cookie } }))
        .statusCode,
      200,
    );
  });

  it('admins edit others: role, manager (no cycles), teams', async () => {
    const sam = w.users.standard.id;
    const avery = w.users.advanced.id;
    const r1 = await call('PATCH', `/api/v1/users/${sam}`, w.tokens.admin, {
      managerId: avery,
      teamIds: [w.teamB.id],
      role: 'advanced',
    });
    assert.equal(r1.statusCode, 200, r1.body);
    assert.deepEqual(r1.json().teamIds, [w.teamB.id]);
    assert.equal(r1.json().role, 'advanced');
    const cycle = await call('PATCH', `/api/v1/users/${avery}`, w.tokens.admin, { managerId: sam });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().error.details[0].path, 'body.managerId');
    const selfManager = await call('PATCH', `/api/v1/users/${avery}`, w.tokens.admin, {
      managerId: avery,
    });
    assert.equal(selfManager.statusCode, 400);
    assert.equal(
      (await call('GET', `/api/v1/users/${avery}`, w.tokens.admin)).json().managerId,
      null,
    );
    const badTz = await call('PATCH', `/api/v1/users/${sam}`, w.tokens.admin, {
      timeZone: 'Not/AZone',
    });
    assert.equal(badTz.statusCode, 400);
    const dupEmail = await call('PATCH', `/api/v1/users/${sam}`, w.tokens.admin, {
      email: 'ADMIN@w1.test',
    });
    assert.equal(dupEmail.statusCode, 409);
    await call('PATCH', `/api/v1/users/${sam}`, w.tokens.admin, {
      managerId: null,
      teamIds: [w.teamA.id],
      role: 'standard',
    });
  });

  it('the last enabled admin cannot give up the admin role', async () => {
    const res = await call('PATCH', `/api/v1/users/${w.users.admin.id}`, w.tokens.admin, {
      role: 'standard',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'unprocessable');
    assert.equal(
      (await call('GET', `/api/v1/users/${w.users.admin.id}`, w.tokens.admin)).json().role,
      'admin',
    );
    // With a second admin it is allowed.
    await call('PATCH', `/api/v1/users/${w.users.advanced.id}`, w.tokens.admin, { role: 'admin' });
    const ok = await call('PATCH', `/api/v1/users/${w.users.advanced.id}`, w.tokens.admin, {
      role: 'advanced',
    });
    assert.equal(ok.statusCode, 200);
  });
});
