// Issue 9: every user keeps their own profile; admins keep the rest (manager, pool attributes) with an audit trail.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testContext, type TestContext } from '../test/harness.ts';
import { bearer, PASSWORD, seedWorkspace } from '../test/fixtures.ts';

describe('profile', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
  });
  after(() => t.close());

  /** Signs in as a person in the browser would: a session cookie and its CSRF token. */
  async function signIn(email: string, password = PASSWORD) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === 'pm_session')!.value;
    const csrf: string = res.json().csrfToken;
    return {
      patch: (id: string, payload: object) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${id}`,
          cookies: { pm_session: cookie },
          headers: { 'x-csrf-token': csrf },
          payload,
        }),
      me: () => t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { pm_session: cookie } }),
    };
  }
  const profileOf = async (id: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/users/${id}`,
        headers: bearer(w.tokens.admin),
      })
    ).json();

  it('a standard user edits their own opt-ins, phone, time zone, working hours and capacity', async () => {
    const sam = await signIn('standard@w1.test');
    const res = await sam.patch(w.users.standard.id, {
      timeZone: 'europe/berlin',
      phone: '+49 30 1234567',
      emailNotifications: false,
      workingHours: { days: [1, 2, 3, 4], start: '08:30', end: '16:00' },
      weeklyCapacityHours: 30,
    });
    assert.equal(res.statusCode, 200, res.body);
    const saved = await profileOf(w.users.standard.id);
    assert.equal(saved.timeZone, 'Europe/Berlin', 'stored under its canonical IANA name');
    assert.equal(saved.phone, '+49 30 1234567');
    assert.equal(saved.emailNotifications, false);
    assert.deepEqual(saved.workingHours, { days: [1, 2, 3, 4], start: '08:30', end: '16:00' });
    assert.equal(saved.weeklyCapacityHours, 30);
  });

  it('refuses a time zone that does not exist, with its path, and changes nothing', async () => {
    const sam = await signIn('standard@w1.test');
    const before = await profileOf(w.users.standard.id);
    const res = await sam.patch(w.users.standard.id, {
      timeZone: 'Mars/Base',
      weeklyCapacityHours: 12,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details[0].path, 'body.timeZone');
    assert.deepEqual(await profileOf(w.users.standard.id), before);
  });

  it('a standard user cannot edit someone else, nor their own manager or pool attributes', async () => {
    const sam = await signIn('standard@w1.test');
    const bea = await profileOf(w.users.standardB.id);
    for (const body of [{ weeklyCapacityHours: 1 }, { timeZone: 'Asia/Tokyo' }]) {
      const res = await sam.patch(w.users.standardB.id, body);
      assert.equal(res.statusCode, 403, JSON.stringify(body));
      assert.equal(res.json().error.code, 'forbidden');
    }
    assert.deepEqual(await profileOf(w.users.standardB.id), bea);
    for (const body of [{ managerId: w.users.advanced.id }, { attributes: { region: 'emea' } }]) {
      const res = await sam.patch(w.users.standard.id, body);
      assert.equal(res.statusCode, 403, JSON.stringify(body));
    }
    const me = await profileOf(w.users.standard.id);
    assert.equal(me.managerId, null);
    assert.deepEqual(me.attributes, {});
  });

  it('a wrong current password is refused at body.currentPassword; the right one changes it and ends other sessions', async () => {
    const elsewhere = await signIn('standardb@w1.test');
    const bea = await signIn('standardb@w1.test');
    const wrong = await bea.patch(w.users.standardB.id, {
      password: 'a whole new passphrase',
      currentPassword: 'not my password',
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().error.details[0].path, 'body.currentPassword');
    await signIn('standardb@w1.test'); // the old password still works
    assert.equal((await elsewhere.me()).statusCode, 200);

    const right = await bea.patch(w.users.standardB.id, {
      password: 'a whole new passphrase',
      currentPassword: PASSWORD,
    });
    assert.equal(right.statusCode, 200, right.body);
    assert.equal((await elsewhere.me()).statusCode, 401, 'the other session ended');
    assert.equal((await bea.me()).statusCode, 200, 'the session that changed it stays');
    await signIn('standardb@w1.test', 'a whole new passphrase');
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'standardb@w1.test', password: PASSWORD },
    });
    assert.equal(old.statusCode, 401);
  });

  it('an admin edits manager, capacity, working hours and pool attributes; the audit log shows the change', async () => {
    const admin = await signIn('admin@w1.test');
    const res = await admin.patch(w.users.advanced.id, {
      managerId: w.users.admin.id,
      weeklyCapacityHours: 20,
      workingHours: { days: [1, 3, 5], start: '10:00', end: '14:00' },
      attributes: { region: 'emea', languages: ['de', 'fr'] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const saved = await profileOf(w.users.advanced.id);
    assert.equal(saved.managerId, w.users.admin.id);
    assert.equal(saved.weeklyCapacityHours, 20);
    assert.deepEqual(saved.attributes, { region: 'emea', languages: ['de', 'fr'] });

    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?kind=user.updated',
      headers: bearer(w.tokens.admin),
    });
    const entry = audit
      .json()
      .data.find((e: { target: { id: string } }) => e.target.id === w.users.advanced.id);
    assert.ok(entry, audit.body);
    assert.equal(entry.actor.id, w.users.admin.id);
    assert.deepEqual(Object.keys(entry.changes).sort(), [
      'attributes',
      'managerId',
      'weeklyCapacityHours',
      'workingHours',
    ]);
    assert.deepEqual(entry.changes.weeklyCapacityHours, { before: 40, after: 20 });
  });
});
