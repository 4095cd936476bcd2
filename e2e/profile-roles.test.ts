// Issue 9: a standard user keeps their own profile (time zone, capacity, password) on /profile, sees only
// the screens their role can use, and an admin screen opened by URL says so in words instead of failing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import {
  browserSuite,
  login,
  seriousA11yViolations,
  waitForInputValue,
  withShot,
  type Server,
} from './harness.ts';

const SAM = {
  name: 'Sam Profile',
  email: 'sam.profile@playmaker.test',
  password: 'sam first pass 1',
};
const NEW_PASSWORD = 'sam second pass 2';

type Ref = { id: string; name: string };

/** Every API response the page got while `fn` ran, once nothing is in flight (the live stream aside). */
async function apiCallsDuring(page: Page, fn: () => Promise<void>) {
  const calls: Array<{ status: number; what: string }> = [];
  const inflight = new Set<Request>();
  const isApi = (r: Request) => {
    const { pathname } = new URL(r.url());
    return pathname.startsWith('/api/') && pathname !== '/api/v1/live';
  };
  const started = (r: Request) => isApi(r) && inflight.add(r);
  const done = async (r: Request) => {
    if (!inflight.has(r)) return; // started before `fn` (an earlier screen's call)
    const res = await r.response();
    if (res)
      calls.push({ status: res.status(), what: `${r.method()} ${new URL(r.url()).pathname}` });
    inflight.delete(r);
  };
  const failed = (r: Request) => inflight.delete(r);
  page.on('request', started);
  page.on('requestfinished', done);
  page.on('requestfailed', failed);
  try {
    await fn();
    // Settled: nothing in flight for half a second (lazy screens load their data after they render).
    let quietSince = Date.now();
    const deadline = Date.now() + 15_000;
    while (Date.now() - quietSince < 500 && Date.now() < deadline) {
      if (inflight.size > 0) quietSince = Date.now();
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', done);
    page.off('requestfailed', failed);
  }
  return calls;
}

describe('profile and role-hidden screens in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let samId = '';
  let samTeamId = '';
  let workspaceName = '';
  browserSuite(
    {
      setup: async (s) => {
        const teams = (await s.api<{ data: Ref[] }>('GET', '/api/v1/teams')).data;
        const sam = await s.api<Ref>('POST', '/api/v1/users', {
          ...SAM,
          role: 'standard',
          teamIds: [teams[0]!.id],
        });
        samId = sam.id;
        samTeamId = teams[0]!.id;
        workspaceName = (await s.api<{ name: string }>('GET', '/api/v1/workspace')).name;
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  const openAccountMenu = () => page.getByRole('button', { name: /account menu/ }).click();

  it('a standard user sets their time zone and capacity on /profile, and they are kept', () =>
    withShot(
      () => page,
      'profile',
      async () => {
        await login(page, SAM.email, SAM.password);
        await openAccountMenu();
        await page.getByRole('menuitem', { name: 'Profile' }).click();
        await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

        const zone = page
          .getByRole('textbox', { name: 'Time zone' })
          .or(page.getByRole('combobox', { name: 'Time zone' }))
          .first();
        await zone.click();
        await zone.fill('Europe/Ber');
        await page.getByRole('option', { name: 'Europe/Berlin' }).click();
        const capacity = page.getByRole('textbox', { name: 'Weekly capacity (hours)' });
        await capacity.fill('24');
        await page.getByRole('button', { name: 'Save profile' }).click();
        await page.getByText('Profile saved').waitFor();

        await page.reload();
        await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
        assert.equal(await zone.inputValue(), 'Europe/Berlin');
        assert.equal(await capacity.inputValue(), '24');
        const saved = await server.api<{ timeZone: string; weeklyCapacityHours: number }>(
          'GET',
          `/api/v1/users/${samId}`,
        );
        assert.equal(saved.timeZone, 'Europe/Berlin');
        assert.equal(saved.weeklyCapacityHours, 24);

        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: 900 });
          assert.deepEqual(await seriousA11yViolations(page), [], `profile at ${width} px`);
        }
        await page.setViewportSize({ width: 1366, height: 900 });
        assert.deepEqual(errors, []);
      },
    ));

  it('they switch SMS notifications on once a phone number is entered, and it is kept', () =>
    withShot(
      () => page,
      'profile-sms',
      async () => {
        await page.goto('/profile');
        const sms = page.getByRole('switch', { name: 'SMS notifications' });
        await page.getByText('Needs a mobile phone number: enter one above').waitFor();
        assert.equal(await sms.isDisabled(), true);
        await page
          .getByRole('textbox', { name: 'Mobile phone for text messages (SMS)' })
          .fill('+1 555 0142');
        await sms.check();
        await page.getByRole('button', { name: 'Save profile' }).click();
        await page.getByText('Profile saved').waitFor();

        await page.reload();
        await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
        assert.equal(
          await page.getByRole('switch', { name: 'SMS notifications' }).isChecked(),
          true,
        );
        const saved = await server.api<{ phone: string; smsNotifications: boolean }>(
          'GET',
          `/api/v1/users/${samId}`,
        );
        assert.deepEqual([saved.phone, saved.smsNotifications], ['+1 555 0142', true]);
        assert.deepEqual(errors, []);
      },
    ));

  it('they change their password and sign in with the new one', () =>
    withShot(
      () => page,
      'profile-password',
      async () => {
        await page.goto('/profile');
        await page.getByLabel('Current password', { exact: true }).fill('not my password');
        await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
        await page.getByLabel('New password again', { exact: true }).fill(NEW_PASSWORD);
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('the current password is wrong').waitFor();

        await page.getByLabel('Current password', { exact: true }).fill(SAM.password);
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('Password changed').waitFor();

        await openAccountMenu();
        await page.getByRole('menuitem', { name: 'Log out' }).click();
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        await login(page, SAM.email, NEW_PASSWORD);
        assert.deepEqual(errors, []);
      },
    ));

  it('Settings opened by URL says it is for admins; the navigation shows only screens the role can use', () =>
    withShot(
      () => page,
      'not-for-your-role',
      async () => {
        const forbidden = await apiCallsDuring(page, async () => {
          await page.goto('/settings?tab=users');
          await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();
        });
        await page
          .getByText(
            `This page is for admins — ask an admin of ${workspaceName} if you need it changed.`,
          )
          .waitFor();
        assert.equal(await page.getByRole('table', { name: 'Users' }).count(), 0);
        assert.deepEqual(
          forbidden.filter((c) => c.status >= 400),
          [],
          'no admin calls were even tried',
        );
        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: 900 });
          assert.deepEqual(await seriousA11yViolations(page), [], `not-for-role at ${width} px`);
        }
        await page.setViewportSize({ width: 1366, height: 900 });

        await page.goto('/plays');
        await page
          .getByText('This page is for advanced users and admins', { exact: false })
          .waitFor();

        const nav = page.getByRole('navigation', { name: 'Main navigation' });
        await nav.getByRole('link').first().waitFor();
        const labels = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
        assert.deepEqual(labels, [
          'My Portfolio',
          'Accounts',
          'Tasks',
          'Segments',
          'Team Spotlight',
        ]);
        // Checked against the server: every screen the navigation offers answers this role's calls.
        for (const label of labels) {
          const calls = await apiCallsDuring(page, async () => {
            await nav.getByRole('link', { name: label, exact: true }).click();
            await page.getByRole('heading', { level: 1 }).first().waitFor();
          });
          const refused = calls.filter((c) => c.status < 200 || c.status >= 300);
          assert.deepEqual(refused, [], `${label}: ${JSON.stringify(refused)}`);
          assert.ok(calls.length > 0, `${label} loaded its data`);
        }
        // An account of their team: its tabs and buttons ask only for what this role may read.
        const account = (
          await server.api<{ data: Ref[] }>('GET', `/api/v1/accounts?teamId=${samTeamId}&limit=1`)
        ).data[0]!;
        const onAccount = await apiCallsDuring(page, async () => {
          await page.goto(`/accounts/${account.id}`);
          await page.getByRole('heading', { name: account.name, level: 1 }).waitFor();
        });
        assert.deepEqual(
          onAccount.filter((c) => c.status < 200 || c.status >= 300),
          [],
          'account page',
        );
        assert.equal(await page.getByRole('button', { name: 'Run a play…' }).count(), 0);
        assert.equal(await page.getByRole('tab', { name: 'Journeys' }).count(), 0);
        assert.deepEqual(errors, []);
      },
    ));

  it('an admin sets a user’s manager, capacity and pool attributes in Settings → Users', () =>
    withShot(
      () => page,
      'settings-edit-user',
      async () => {
        await openAccountMenu();
        await page.getByRole('menuitem', { name: 'Log out' }).click();
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        await login(page);
        const me = await server.api<Ref>('GET', '/api/v1/me');
        await page.goto('/settings?tab=users');
        await page.getByRole('button', { name: `Edit ${SAM.name}` }).click();
        const dialog = page.getByRole('dialog', { name: `Edit ${SAM.name}` });
        const capacity = dialog.getByRole('textbox', { name: 'Weekly capacity (hours)' });
        await waitForInputValue(capacity, '24');
        await capacity.fill('16');
        const manager = dialog
          .getByRole('textbox', { name: 'Manager' })
          .or(dialog.getByRole('combobox', { name: 'Manager' }))
          .first();
        await manager.click();
        await manager.fill(me.name);
        await page.getByRole('option', { name: me.name, exact: true }).click();
        await dialog.getByRole('button', { name: 'Add attribute' }).click();
        await dialog.getByRole('textbox', { name: 'Attribute 1 name' }).fill('region');
        await dialog.getByRole('textbox', { name: 'Attribute 1 value' }).fill('emea');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await page.getByText(`${SAM.name} saved`).waitFor();
        const saved = await server.api<{
          managerId: string;
          weeklyCapacityHours: number;
          attributes: Record<string, unknown>;
        }>('GET', `/api/v1/users/${samId}`);
        assert.equal(saved.managerId, me.id);
        assert.equal(saved.weeklyCapacityHours, 16);
        assert.deepEqual(saved.attributes, { region: 'emea' });
        assert.deepEqual(errors, []);
      },
    ));
});
