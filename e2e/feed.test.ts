// The feed in a real browser (SPEC §9): a colleague assigns me a task through the API and the bell's
// count rises without a reload; the drawer says who assigned what, where; opening the item shows the
// task and the count drops; a play's notice reaches the bell and My Portfolio's timeline live, once.
// Accessible (axe) and usable at 390 px.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { isoInDays, lookups, type Ref } from './fixtures.ts';

/** The hub is told of new feed items at once; headroom for a loaded machine. */
const LIVE_MS = 8000;
const COLLEAGUE = {
  name: 'Casey Colleague',
  email: 'casey.feed@playmaker.test',
  password: 'feed e2e password 1',
};

/** Signs the colleague in over HTTP (a cookie session, like their browser) and returns a caller. */
async function signIn(server: Server) {
  const res = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: COLLEAGUE.email, password: COLLEAGUE.password }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body: unknown): Promise<T> => {
    const r = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${url} → ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

describe('the feed in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let account: Ref;
  let flowId: string;
  let teamId: string;

  browserSuite(
    {
      signIn: true,
      setup: async (s) => {
        server = s;
        const data = await lookups(s);
        account = data.accounts[3]!;
        flowId = data.flows[0]!.id;
        teamId = data.enterprise.id;
        await s.api('POST', '/api/v1/users', {
          ...COLLEAGUE,
          role: 'advanced',
          teamIds: [data.enterprise.id],
        });
        // Start from an empty bell whatever the demo data put in the admin's feed.
        await s.api('POST', '/api/v1/feed/read', { all: true });
      },
    },
    (suite) => {
      ({ page, errors } = suite);
    },
  );

  const bell = (name: string | RegExp) => page.getByRole('button', { name });

  it('a task a colleague assigns me raises the count live; the drawer says so; opening it shows the task', async () => {
    await withShot(
      () => page,
      'feed-live',
      async () => {
        await page.goto('/portfolio');
        await bell('Feed, nothing unread').waitFor();
        await page.evaluate(() => {
          (window as unknown as { feedMark: number }).feedMark = 1;
        });

        const me = await server.api<{ id: string }>('GET', '/api/v1/me');
        const asColleague = await signIn(server);
        const task = await asColleague<{ id: string }>('POST', '/api/v1/tasks', {
          accountId: account.id,
          flowId,
          title: 'Prepare the renewal deck',
          description: '<p>For the QBR</p>',
          assignee: { userId: me.id },
          dueDate: isoInDays(5),
          priority: 'normal',
        });

        await bell('Feed, 1 unread').waitFor({ timeout: LIVE_MS });
        assert.equal(
          await page.evaluate(() => (window as unknown as { feedMark?: number }).feedMark),
          1,
          'the count rose without a reload',
        );

        await bell('Feed, 1 unread').click();
        const drawer = page.getByRole('dialog', { name: 'Feed' });
        const sentence = `${COLLEAGUE.name} assigned you "Prepare the renewal deck" on ${account.name}.`;
        await drawer
          .getByRole('button', { name: new RegExp(`^Unread: ${literal(sentence)}`) })
          .waitFor();
        assert.deepEqual(await seriousA11yViolations(page), []);

        await drawer.getByRole('button', { name: new RegExp(literal(sentence)) }).click();
        await page.waitForURL(
          (url) => url.pathname === '/portfolio' && url.searchParams.get('task') === task.id,
        );
        await page.getByRole('dialog').getByText('Prepare the renewal deck').first().waitFor();
        await bell('Feed, nothing unread').waitFor({ timeout: LIVE_MS });
        assert.deepEqual(errors, []);
      },
    );
  });

  it("a play's notice reaches the bell live and shows once on My Portfolio's timeline", async () => {
    await withShot(
      () => page,
      'feed-notice',
      async () => {
        // Notices go to the members of the account's teams: I join the account's team.
        const me = await server.api<{ id: string }>('GET', '/api/v1/me');
        const teams = await server.api<{ data: Array<{ id: string; memberIds: string[] }> }>(
          'GET',
          '/api/v1/teams',
        );
        const members = teams.data.find((t) => t.id === teamId)!.memberIds;
        await server.api('PUT', `/api/v1/teams/${teamId}/members`, {
          userIds: [...new Set([...members, me.id])],
        });
        await page.goto('/portfolio?tab=timeline');
        await bell('Feed, nothing unread').waitFor();
        const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Renewal heads-up',
          description: 'Tell the team',
          subject: 'accounts',
          trigger: { type: 'enter' },
          criteria: { kind: 'compare', field: 'name', op: 'eq', value: account.name },
          actions: [
            { id: 'heads-up', type: 'notify', message: 'Renewal in 30 days', style: 'info' },
          ],
        });
        await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: true });

        await bell('Feed, 1 unread').waitFor({ timeout: LIVE_MS });
        const notice = page.getByText('Renewal in 30 days (play "Renewal heads-up")');
        await notice.first().waitFor({ timeout: LIVE_MS });
        assert.equal(await notice.count(), 1, 'the timeline shows the notice once');
        await page.getByRole('link', { name: account.name }).first().waitFor();
        assert.deepEqual(errors, []);
        await server.api('POST', '/api/v1/feed/read', { all: true });
      },
    );
  });

  it('at 390 px the drawer fills the screen, reads as sentences and marks all as read', async () => {
    await withShot(
      () => page,
      'feed-390',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await server.api('POST', '/api/v1/tasks', {
          accountId: account.id,
          flowId,
          title: 'A task I gave myself',
          description: '<p>Mine</p>',
          assignee: { userId: (await server.api<{ id: string }>('GET', '/api/v1/me')).id },
          dueDate: isoInDays(3),
          priority: 'normal',
        });
        const asColleague = await signIn(server);
        await asColleague('POST', '/api/v1/tasks', {
          accountId: account.id,
          flowId,
          title: 'Check the invoice',
          description: '<p>Before Friday</p>',
          assignee: { userId: (await server.api<{ id: string }>('GET', '/api/v1/me')).id },
          dueDate: isoInDays(2),
          priority: 'high',
        });
        await page.goto('/portfolio');
        await bell('Feed, 1 unread').waitFor({ timeout: LIVE_MS });
        await bell('Feed, 1 unread').click();
        const drawer = page.getByRole('dialog', { name: 'Feed' });
        await drawer
          .getByText(`assigned you "Check the invoice" on ${account.name}.`, { exact: false })
          .waitFor();
        // Assigning myself a task told nobody.
        assert.equal(await drawer.getByText('A task I gave myself').count(), 0);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
        assert.deepEqual(await seriousA11yViolations(page), []);
        await drawer.getByRole('button', { name: 'Mark all as read' }).click();
        await drawer.getByText('All read').waitFor();
        await page.keyboard.press('Escape');
        await bell('Feed, nothing unread').waitFor();
      },
    );
  });
});

function literal(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
