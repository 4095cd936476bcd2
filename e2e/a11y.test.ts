// Accessibility of every page of the app with axe-core (WCAG 2.1 A/AA): no serious or critical violations,
// at 1366 px and on a phone (390 px, where no page may scroll sideways), as an admin and as a standard user.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  login,
  newPage,
  seriousA11yViolations,
  withShot,
  type BrowserSuite,
  type Server,
} from './harness.ts';
import { createTask, failingWebhookDelivery, isoInDays, lookups } from './fixtures.ts';

const STANDARD = {
  name: 'Sam Standard',
  email: 'sam-a11y@playmaker.test',
  password: 'sam password 1234',
};
const WIDTHS = [1366, 390] as const;

describe('accessibility', () => {
  let suite: BrowserSuite;
  let server: Server;
  let page: Page;
  let accountId: string;
  let accountName: string;
  let taskId: string;
  // Seeded by the demo workspace: a play with actions, the journey play and one of its journeys, a segment.
  let playId: string;
  let journeyPlayId: string;
  let journeyId: string;
  let segmentId: string;

  browserSuite(
    {
      setup: async (server) => {
        const data = await lookups(server);
        accountId = data.accounts[0]!.id;
        accountName = data.accounts[0]!.name;
        taskId = (
          await createTask(server, {
            accountId,
            flowId: data.flows[0]!.id,
            title: 'Check the renewal terms',
            userId: data.me.id,
            dueDate: isoInDays(2),
          })
        ).id;
        const plays = (
          await server.api<{ data: Array<{ id: string; name: string }> }>('GET', '/api/v1/plays')
        ).data;
        journeyPlayId = plays.find((p) => p.name === 'Onboarding call campaign')!.id;
        playId = plays.find((p) => p.id !== journeyPlayId)!.id;
        journeyId = (
          await server.api<{ data: Array<{ id: string }> }>(
            'GET',
            `/api/v1/plays/${journeyPlayId}/journeys`,
          )
        ).data[0]!.id;
        segmentId = (await server.api<{ data: Array<{ id: string }> }>('GET', '/api/v1/segments'))
          .data[0]!.id;
        await server.api('POST', '/api/v1/users', {
          ...STANDARD,
          role: 'standard',
          teamIds: [data.enterprise.id],
        });
      },
    },
    (s) => {
      suite = s;
      ({ server, page } = s);
    },
  );

  // Pages that scroll sideways at 390 px, asserted once per test so one run names them all.
  let tooWide: string[] = [];
  const noneTooWide = () => {
    const found = tooWide;
    tooWide = [];
    assert.deepEqual(found, [], 'pages that scroll sideways at 390 px');
  };

  const check = async (what: string) => {
    // Let data arrive and transitions finish before auditing.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const found = await seriousA11yViolations(page);
    assert.deepEqual(found, [], `${what}:\n${found.join('\n')}`);
    const width = page.viewportSize()!.width;
    if (width >= 1366) {
      // Issue 9: no badge cut to "BETA-…" on a laptop screen, on any page.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('.mantine-Badge-label')]
          .filter((l) => l.scrollWidth > l.clientWidth + 1)
          .map((l) => l.textContent),
      );
      assert.deepEqual(cut, [], `${what}: badges cut short at ${width} px`);
    }
    if (width <= 390) {
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) tooWide.push(what);
    }
  };

  /** Signs in (as the admin unless told) when this page's session is not signed in yet. */
  const signedIn = async (email?: string, password?: string) => {
    await page.goto('/portfolio');
    const signIn = page.getByLabel('E-mail');
    await signIn
      .or(page.getByRole('heading', { name: 'My Portfolio' }))
      .first()
      .waitFor();
    if (await signIn.isVisible()) await login(page, email, password);
  };

  it('sign-in page', () =>
    withShot(
      () => page,
      'a11y-login',
      async () => {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
          await page.goto('/');
          await page.getByRole('heading', { name: 'Sign in to Playmaker' }).waitFor();
          await check(`sign-in at ${width} px`);
        }
      },
    ));

  /** Every page of the router (web/src/app/router.tsx) an admin opens: [name, address]. */
  const adminPages = (): Array<[string, string]> => [
    ['My Portfolio', '/portfolio'],
    ['accounts list', '/accounts'],
    ...['work', 'timeline', 'contacts', 'assets', 'attributes', 'journeys'].map(
      (tab): [string, string] => [`account ${tab}`, `/accounts/${accountId}?tab=${tab}`],
    ),
    ['tasks collection', '/tasks?assignee=all'],
    ['segments list', '/segments'],
    ['segment', `/segments/${segmentId}`],
    ['segment builder', '/segments/new'],
    ['plays list', '/plays'],
    ['play builder', '/plays/new'],
    ...['setup', 'runs', 'effectiveness', 'versions'].map((tab): [string, string] => [
      `play ${tab}`,
      `/plays/${playId}?tab=${tab}`,
    ]),
    ...['setup', 'journeys', 'versions', 'effectiveness'].map((tab): [string, string] => [
      `journey play ${tab}`,
      `/plays/${journeyPlayId}?tab=${tab}`,
    ]),
    ['journey view', `/plays/${journeyPlayId}?tab=journeys&journey=${journeyId}`],
    ['templates', '/templates'],
    ['webhook deliveries', '/webhooks'],
    ...[
      'users',
      'teams',
      'roles',
      'flows',
      'touchpoint-types',
      'forms',
      'attributes',
      'workspace',
      'working-days',
      'webhooks',
      'outbox',
      'audit',
    ].map((tab): [string, string] => [`settings ${tab}`, `/settings?tab=${tab}`]),
    ['profile', '/profile'],
    ['team spotlight', '/spotlight?days=90'],
    ['team spotlight overdue drill-down', '/spotlight?drill=overdue'],
    ['team spotlight overdue accounts', '/spotlight?drill=accounts'],
  ];

  for (const width of WIDTHS) {
    it(`every page an admin opens, at ${width} px`, () =>
      withShot(
        () => page,
        `a11y-admin-${width}`,
        async () => {
          await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
          await signedIn();
          for (const [name, url] of adminPages()) {
            await page.goto(url);
            await page.getByRole('heading').first().waitFor();
            if (name === 'journey view') await page.getByTestId('journey-view').waitFor();
            await check(`${name} at ${width} px`);
          }
          noneTooWide();
        },
      ));

    it(`the feed drawer and the header search, at ${width} px`, () =>
      withShot(
        () => page,
        `a11y-header-${width}`,
        async () => {
          await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
          await signedIn();
          await page.goto('/portfolio');
          await page.getByRole('button', { name: /^Feed/ }).click();
          await page.getByRole('dialog', { name: 'Feed' }).waitFor();
          await check(`feed drawer at ${width} px`);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog', { name: 'Feed' }).waitFor({ state: 'detached' });
          // Ctrl+K on a computer; on a phone the search is an icon.
          const icon = page.getByRole('button', { name: 'Search', exact: true });
          if (await icon.isVisible()) await icon.click();
          else await page.keyboard.press('ControlOrMeta+KeyK');
          const box = page
            .getByRole('combobox', { name: 'Accounts, contacts and tasks' })
            .or(page.getByRole('textbox', { name: 'Accounts, contacts and tasks' }))
            .first();
          // One account's name: a short list (a long one that scrolls is axe-core#4914's false positive, see below).
          await box.fill(accountName);
          await page.getByRole('option').first().waitFor();
          await check(`header search at ${width} px`);
          await page.keyboard.press('Escape');
        },
      ));
  }

  it('webhook delivery drawer and outbox message', () =>
    withShot(
      () => page,
      'a11y-webhook-outbox',
      async () => {
        const { deliveryId } = await failingWebhookDelivery(server, accountId);
        // Assigning a task to the admin queues an e-mail (no SMTP in tests: it stays in the outbox).
        const data = await lookups(server);
        await createTask(server, {
          accountId,
          flowId: data.flows[0]!.id,
          title: 'Outbox a11y check',
          userId: data.me.id,
          dueDate: isoInDays(3),
        });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
          await signedIn();
          await page.goto(`/webhooks?delivery=${deliveryId}`);
          await page
            .getByRole('dialog', { name: /Delivery · CRM sync/ })
            .getByText('Request', { exact: true })
            .waitFor();
          await check(`delivery drawer at ${width} px`);
          await page.goto('/settings?tab=outbox');
          await page
            .getByTestId('outbox-row')
            .filter({ hasText: 'Outbox a11y check' })
            .getByRole('button')
            .click();
          await page.getByTestId('outbox-text').filter({ hasText: 'Outbox a11y check' }).waitFor();
          await check(`outbox message at ${width} px`);
        }
      },
    ));

  it('add-task dialog and task panel', () =>
    withShot(
      () => page,
      'a11y-dialogs',
      async () => {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
          await signedIn();
          await page.goto('/portfolio');
          await page.getByRole('button', { name: 'Quick actions' }).click();
          await page.getByRole('menuitem', { name: 'Add task' }).click();
          const dialog = page.getByRole('dialog', { name: 'Add task' });
          await dialog.waitFor();
          // The focused account picker opens its option list; Escape closes that list only. An open list is a known axe
          // false positive (scrollable-region-focusable on a listbox driven by aria-activedescendant, axe-core#4914).
          const account = dialog.getByRole('combobox', { name: 'Account' });
          if ((await account.getAttribute('aria-expanded')) === 'true')
            await account.press('Escape');
          await page
            .getByRole('listbox', { name: 'Account', exact: true })
            .waitFor({ state: 'hidden' });
          assert.ok(
            await dialog.isVisible(),
            'the add-task dialog must be open while it is audited',
          );
          await check(`add task at ${width} px`);
          assert.ok(await dialog.isVisible(), 'the add-task dialog closed during the audit');
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          await dialog.waitFor({ state: 'detached' });
          await page.goto(`/tasks?assignee=all&task=${taskId}`);
          await page.getByRole('dialog', { name: 'Task' }).getByRole('heading').first().waitFor();
          await check(`task panel at ${width} px`);
        }
      },
    ));

  it('every page a standard user opens, at both widths', () =>
    withShot(
      () => page,
      'a11y-standard',
      async () => {
        // A context of their own (own cookies), so the admin's session is untouched.
        const own = await newPage(suite.browser, server.baseUrl);
        page = own.page;
        try {
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
            await signedIn(STANDARD.email, STANDARD.password);
            for (const [name, url] of [
              ['My Portfolio', '/portfolio'],
              ['accounts list', '/accounts'],
              ...['work', 'timeline', 'contacts', 'assets', 'attributes'].map(
                (tab): [string, string] => [`account ${tab}`, `/accounts/${accountId}?tab=${tab}`],
              ),
              ['tasks collection', '/tasks?assignee=all'],
              ['segments list', '/segments'],
              ['segment', `/segments/${segmentId}`],
              ['team spotlight', '/spotlight?days=90'],
              ['profile', '/profile'],
              ['a page only admins open', '/settings'],
            ] as Array<[string, string]>) {
              await page.goto(url);
              await page.getByRole('heading').first().waitFor();
              await check(`standard user: ${name} at ${width} px`);
            }
          }
          noneTooWide();
        } finally {
          await own.context.close();
          page = suite.page;
        }
      },
    ));

  it('no other page or dialog scrolls sideways at 390 px', () => noneTooWide());
});
