// Issue 9: the accounts list shows chosen attribute columns, sorts and filters on them with the view kept
// in the URL, and the header's search finds accounts, contacts and tasks — only those the user may see.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, seriousA11yViolations, withShot } from './harness.ts';
import { createTask, isoInDays, lookups } from './fixtures.ts';

type Ref = { id: string; name: string };
const SAM = {
  name: 'Sam Search',
  email: 'sam.search@playmaker.test',
  password: 'sam search pass 1',
};
const TASK_TITLE = 'Renewal call with Acme Rockets';

describe('accounts columns and the global search in the browser', () => {
  let page: Page;
  let errors: string[];
  let taskId = '';
  browserSuite(
    {
      signIn: true,
      setup: async (s) => {
        const { teams, flows, me } = await lookups(s);
        const team = (name: string) => teams.find((t) => t.name === name)!.id;
        // The demo's Health is a word (good/average/poor); this workspace also scores it 0–100.
        await s.api('POST', '/api/v1/attribute-definitions', {
          entity: 'account',
          key: 'health_score',
          label: 'Health score',
          type: 'number',
        });
        const account = (name: string, teamName: string, arr: number, score: number) =>
          s.api<Ref>('POST', '/api/v1/accounts', {
            name,
            teams: [team(teamName)],
            attributes: { arr, health_score: score },
          });
        const rockets = await account('Acme Rockets', 'Enterprise', 5_000_000, 30);
        await account('Acme Anvils', 'Enterprise', 4_000_000, 45);
        await account('Zenith Widgets', 'Enterprise', 6_000_000, 90);
        await account('Acme Tiny', 'SMB', 10, 20);
        await s.api('POST', '/api/v1/contacts', {
          accountId: rockets.id,
          firstName: 'Wile',
          lastName: 'Coyote',
          email: 'wile@acme-rockets.test',
        });
        taskId = (
          await createTask(s, {
            accountId: rockets.id,
            flowId: flows[0]!.id,
            title: TASK_TITLE,
            userId: me.id,
            dueDate: isoInDays(3),
          })
        ).id;
        await s.api('POST', '/api/v1/users', { ...SAM, role: 'standard', teamIds: [team('SMB')] });
      },
    },
    (s) => {
      ({ page, errors } = s);
    },
  );

  const rowNames = () =>
    page
      .getByTestId('account-row')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('a')?.textContent ?? ''));
  async function waitFor(check: () => Promise<boolean>) {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function waitForRows(expected: string[]) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const names = await rowNames();
      if (JSON.stringify(names) === JSON.stringify(expected)) return;
      if (Date.now() > deadline) assert.deepEqual(names, expected);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('chooses the ARR and health columns, sorts by ARR descending, filters health below 50, and keeps it after a reload', () =>
    withShot(
      () => page,
      'accounts-columns',
      async () => {
        await page.goto('/accounts');
        await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Columns' }).click();
        await page.getByRole('checkbox', { name: 'ARR (USD)' }).check();
        await page.getByRole('checkbox', { name: 'Health score' }).check();
        await page.keyboard.press('Escape');

        const arrHeader = page.getByRole('button', { name: /^ARR \(USD\)/ });
        await arrHeader.click();
        await page
          .getByRole('columnheader', { name: /ARR \(USD\)/ })
          .and(page.locator('[aria-sort="ascending"]'))
          .waitFor();
        await arrHeader.click();
        await page
          .getByRole('columnheader', { name: /ARR \(USD\)/ })
          .and(page.locator('[aria-sort="descending"]'))
          .waitFor();
        // Highest ARR first, across every visible account.
        await waitFor(async () => (await rowNames())[0] === 'Zenith Widgets');

        await page.getByLabel('Health score condition').click();
        await page.getByRole('option', { name: 'less than', exact: true }).click();
        await page.getByLabel('Health score value').fill('50');
        await waitForRows(['Acme Rockets', 'Acme Anvils', 'Acme Tiny']);
        const url = new URL(page.url());
        assert.equal(url.searchParams.get('sort'), 'attr.arr');
        assert.equal(url.searchParams.get('dir'), 'desc');
        assert.deepEqual(url.searchParams.getAll('filter'), ['attr.health_score:lt:50']);

        await page.reload();
        await waitForRows(['Acme Rockets', 'Acme Anvils', 'Acme Tiny']);
        await page
          .getByRole('columnheader', { name: /ARR \(USD\)/ })
          .and(page.locator('[aria-sort="descending"]'))
          .waitFor();
        assert.equal(await page.getByLabel('Health score value').inputValue(), '50');
        assert.equal(
          await page.getByRole('row').nth(1).getByRole('cell').nth(3).textContent(),
          (5_000_000).toLocaleString('en-US'),
        );

        // No header is cut at a laptop width.
        const cut = await page
          .locator('thead th')
          .evaluateAll((ths) =>
            ths.filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent),
          );
        assert.deepEqual(cut, []);
        assert.deepEqual(await seriousA11yViolations(page), [], 'accounts at 1366 px');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByRole('listitem').filter({ hasText: 'Acme Rockets' }).waitFor();
        assert.equal(await page.locator('table[aria-label="Accounts"]').count(), 0);
        assert.deepEqual(await seriousA11yViolations(page), [], 'accounts at 390 px');
        await page.setViewportSize({ width: 1366, height: 900 });
        assert.deepEqual(errors, []);
      },
    ));

  it('searches "acme" from the header with the keyboard and opens the task', () =>
    withShot(
      () => page,
      'global-search',
      async () => {
        await page.goto('/portfolio');
        await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
        await page.keyboard.press('ControlOrMeta+KeyK');
        const box = page
          .getByRole('combobox', { name: 'Accounts, contacts and tasks' })
          .or(page.getByRole('textbox', { name: 'Accounts, contacts and tasks' }));
        await box.first().fill('acme');
        const options = page.getByRole('option');
        await options.filter({ hasText: TASK_TITLE }).waitFor();
        const texts = await options.allTextContents();
        assert.ok(
          texts.some((t) => t.startsWith('Acme Rockets')),
          texts.join(' | '),
        );
        assert.ok(
          texts.some((t) => t.startsWith('Wile Coyote')),
          texts.join(' | '),
        );
        for (const kind of ['Accounts', 'Contacts', 'Tasks'])
          await page.getByRole('dialog').getByText(kind, { exact: true }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'search at 1366 px');

        const index = texts.findIndex((t) => t.startsWith(TASK_TITLE));
        for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForURL(
          (u) => u.pathname === '/portfolio' && u.searchParams.get('task') === taskId,
        );
        await page.getByRole('dialog').getByText(TASK_TITLE).first().waitFor();
        assert.deepEqual(errors, []);
      },
    ));

  it('on a phone the search is an icon that opens a full-width search', () =>
    withShot(
      () => page,
      'global-search-phone',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/accounts');
        const searchIcon = page.getByRole('button', { name: 'Search', exact: true });
        await searchIcon.waitFor();
        // The header's icons still fit: the page does not scroll sideways.
        assert.equal(
          await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ),
          0,
        );
        await searchIcon.click();
        const box = page
          .getByRole('combobox', { name: 'Accounts, contacts and tasks' })
          .or(page.getByRole('textbox', { name: 'Accounts, contacts and tasks' }));
        await box.first().fill('coyote');
        await page.getByRole('option').filter({ hasText: 'Wile Coyote' }).waitFor();
        const width = await page
          .getByRole('dialog')
          .evaluate((d) => d.getBoundingClientRect().width);
        assert.ok(width >= 380, `the search is ${width} px wide`);
        assert.deepEqual(await seriousA11yViolations(page), [], 'search at 390 px');
        await page.getByRole('option').filter({ hasText: 'Wile Coyote' }).click();
        await page.waitForURL((u) => u.pathname.startsWith('/accounts/'));
        await page.setViewportSize({ width: 1366, height: 900 });
        assert.deepEqual(errors, []);
      },
    ));

  it("a standard user's search shows no other team's records", () =>
    withShot(
      () => page,
      'global-search-standard',
      async () => {
        await page.getByRole('button', { name: /account menu/ }).click();
        await page.getByRole('menuitem', { name: 'Log out' }).click();
        await login(page, SAM.email, SAM.password);
        await page.keyboard.press('ControlOrMeta+KeyK');
        const box = page
          .getByRole('combobox', { name: 'Accounts, contacts and tasks' })
          .or(page.getByRole('textbox', { name: 'Accounts, contacts and tasks' }));
        await box.first().fill('acme');
        await page.getByRole('option').filter({ hasText: 'Acme Tiny' }).waitFor();
        const texts = (await page.getByRole('option').allTextContents()).join(' | ');
        for (const hidden of ['Acme Rockets', 'Acme Anvils', 'Wile Coyote', TASK_TITLE])
          assert.ok(!texts.includes(hidden), `Sam sees ${hidden}: ${texts}`);
        await box.first().fill('coyote');
        await page.getByText('Nothing you can see matches “coyote”.').waitFor();
        assert.deepEqual(errors, []);
      },
    ));
});
