// Work lists people use every day (issue 9), in a real browser at 1366 px and on a 390 px phone:
// filters live in the URL and survive a reload, counts are the whole filtered set (not the loaded
// page), bulk complete offers the tasks' outcomes and names the task that failed, phones get cards,
// Esc closes a date picker before its dialog, and typed input is not discarded without asking.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { isoInDays, lookups, type TaskOut } from './fixtures.ts';

type Counts = { open: number; overdue: number; dueToday: number; completed: number };
type TaskList = { data: TaskOut[]; nextCursor: string | null; counts?: Counts };

describe('work lists in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  const pitches: Record<string, string> = {};

  browserSuite(
    {
      signIn: true,
      setup: async (server) => {
        const data = await lookups(server);
        const task = (title: string, i: number, over: Record<string, unknown> = {}) =>
          server.api<TaskOut>('POST', '/api/v1/tasks', {
            accountId: data.accounts[i % 5]!.id,
            flowId: data.flows[0]!.id,
            title,
            description: `<p>${title}</p>`,
            assignee: { userId: data.me.id },
            dueDate: isoInDays(3 + (i % 10)),
            priority: 'normal',
            ...over,
          });
        // A portfolio bigger than one page (50 rows): 58 routine, 7 overdue high, 3 overdue low.
        for (let i = 0; i < 58; i++) await task(`Routine follow-up ${i + 1}`, i);
        for (let i = 0; i < 7; i++)
          await task(`Late escalation ${i + 1}`, i, { priority: 'high', dueDate: isoInDays(-2) });
        for (let i = 0; i < 3; i++)
          await task(`Late paperwork ${i + 1}`, i, { priority: 'low', dueDate: isoInDays(-3) });
        for (const [name, outcomes] of [
          ['Pitch A', ['Booked', 'Declined']],
          ['Pitch B', ['Booked']],
          ['Pitch C', ['Declined']],
        ] as const)
          pitches[name] = (await task(name, 0, { outcomes })).id;
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  const mine = (query: string) =>
    server.api<TaskList>('GET', `/api/v1/tasks?assignee=me&include=counts&limit=1${query}`);
  const countsText = (c: Counts) =>
    `${c.open} open · ${c.overdue} overdue · ${c.dueToday} due today · ${c.completed} completed`;
  const pick = async (label: string, option: string | RegExp) => {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  };

  it('counts the whole portfolio, not the loaded page', () =>
    withShot(
      () => page,
      'work list counts the whole set',
      async () => {
        await page.goto('/portfolio');
        const table = page.getByRole('table', { name: 'Tasks' });
        await table.getByTestId('task-row').first().waitFor();
        const all = (await mine('')).counts!;
        assert.ok(all.open > 60, `more than 60 open tasks (${all.open})`);
        await page.getByLabel('Task counts').getByText(countsText(all)).waitFor();
        assert.equal(await table.getByTestId('task-row').count(), 50);
      },
    ));

  it('filters by overdue and priority: the URL holds them, a reload keeps them, counts follow', () =>
    withShot(
      () => page,
      'work list filters in the url',
      async () => {
        await pick('Due', 'Overdue');
        await pick('Priority', 'High');
        await page.waitForURL(/due=overdue/);
        await page.waitForURL(/priority=high/);
        const filtered = (await mine('&due=overdue&priority=high')).counts!;
        assert.ok(filtered.overdue >= 7);
        await page.getByLabel('Task counts').getByText(countsText(filtered)).waitFor();
        await page.reload();
        assert.match(page.url(), /due=overdue/);
        assert.match(page.url(), /priority=high/);
        await page.getByLabel('Task counts').getByText(countsText(filtered)).waitFor();
        assert.equal(await page.getByRole('combobox', { name: 'Due' }).inputValue(), 'Overdue');
        assert.equal(await page.getByRole('combobox', { name: 'Priority' }).inputValue(), 'High');
        const rows = page.getByRole('table', { name: 'Tasks' }).getByTestId('task-row');
        await rows.filter({ hasText: 'Late escalation 1' }).first().waitFor();
        assert.equal(await rows.filter({ hasText: 'Late paperwork' }).count(), 0);
        assert.equal(await rows.filter({ hasText: 'Routine follow-up' }).count(), 0);
        // Back goes to the view before the last filter.
        await page.goBack();
        await page.waitForURL((u) => !u.search.includes('priority=high'));
        await rows.filter({ hasText: 'Late paperwork 1' }).waitFor();
      },
    ));

  it('sorts by a column on the server: title, then reversed', () =>
    withShot(
      () => page,
      'work list sorts by title',
      async () => {
        await page.goto('/portfolio?q=Late');
        const table = page.getByRole('table', { name: 'Tasks' });
        await table.getByRole('button', { name: /^Task/ }).click();
        await page.waitForURL(/sort=title/);
        const titles = () =>
          table
            .getByTestId('task-row')
            .evaluateAll((rows) => rows.map((r) => r.querySelector('button')?.textContent ?? ''));
        await table
          .getByRole('columnheader', { name: /Task/ })
          .and(page.locator('[aria-sort="ascending"]'))
          .waitFor();
        const asc = await titles();
        assert.equal(asc.length, 10);
        assert.deepEqual(
          asc,
          [...asc].sort((a, b) => a.localeCompare(b)),
        );
        await table.getByRole('button', { name: /^Task/ }).click();
        await page.waitForURL(/dir=desc/);
        await table
          .getByRole('columnheader', { name: /Task/ })
          .and(page.locator('[aria-sort="descending"]'))
          .waitFor();
        await table
          .getByTestId('task-row')
          .first()
          .filter({ hasText: asc.at(-1)! })
          .waitFor();
      },
    ));

  it('groups show every group whole, each paged on its own; a count chip filters to its group', () =>
    withShot(
      () => page,
      'work list grouped by priority',
      async () => {
        type Groups = { groups: Array<{ key: string; label: string; count: number }> };
        const { groups } = await server.api<Groups>(
          'GET',
          '/api/v1/tasks?assignee=me&groupBy=priority&limit=1',
        );
        await page.goto('/portfolio?group=priority');
        for (const g of groups)
          await page.getByRole('region', { name: `${g.label}: ${g.count} tasks` }).waitFor();
        const normal = groups.find((g) => g.key === 'normal')!;
        assert.ok(normal.count > 20, 'the normal group is longer than two pages of ten');
        const rows = page.getByRole('table', { name: 'Tasks: Normal' }).getByTestId('task-row');
        await rows.nth(9).waitFor();
        assert.equal(await rows.count(), 10);
        await page
          .getByRole('button', { name: `Show more of Normal (${normal.count - 10} more)` })
          .click();
        await rows.nth(19).waitFor();
        assert.equal(await rows.count(), 20);
        assert.deepEqual(await seriousA11yViolations(page), []);
        const high = groups.find((g) => g.key === 'high')!;
        await page.getByRole('button', { name: `${high.count} tasks: show only High` }).click();
        await page.waitForURL(/priority=high/);
        assert.doesNotMatch(page.url(), /group=/);
        await page.getByLabel('Task counts').getByText(`${high.count} open ·`).waitFor();
      },
    ));

  it("bulk complete offers the tasks' outcomes and names the task that failed", () =>
    withShot(
      () => page,
      'bulk complete with outcomes',
      async () => {
        await page.goto('/portfolio?q=Pitch');
        for (const name of Object.keys(pitches))
          await page.getByRole('checkbox', { name: `Select ${name}` }).check();
        const bar = page.getByRole('region', { name: 'Bulk actions' });
        await bar.getByText('3 selected').waitFor();
        await bar.getByRole('button', { name: 'Complete…' }).click();
        const dialog = page.getByRole('dialog', { name: /Complete tasks/ });
        await dialog.getByText('Booked: Pitch A, Pitch B').waitFor();
        await dialog.getByText('Declined: Pitch A, Pitch C').waitFor();
        await dialog.getByRole('combobox', { name: 'Outcome' }).click();
        await dialog.getByRole('option', { name: 'Booked (2 of 3)' }).click();
        // Typed input is not thrown away by Esc without asking.
        await page.keyboard.press('Escape');
        const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
        await ask.getByRole('button', { name: 'Keep editing' }).click();
        await ask.waitFor({ state: 'detached' });
        await dialog.getByRole('button', { name: 'Complete selected' }).click();
        const result = page.getByRole('dialog', { name: 'Completed: 2 of 3' });
        const failed = result.getByRole('list', { name: 'Tasks not changed' });
        await failed.getByText('‘Pitch C’').waitFor();
        assert.match(await failed.innerText(), /Pitch C’ — .*choose one of: Declined/);
        assert.doesNotMatch(await failed.innerText(), /Pitch A|Pitch B/);
        const outcome = async (id: string) =>
          (await server.api<TaskOut>('GET', `/api/v1/tasks/${id}`)).outcome;
        assert.equal(await outcome(pitches['Pitch A']!), 'Booked');
        assert.equal(await outcome(pitches['Pitch B']!), 'Booked');
        assert.equal(await outcome(pitches['Pitch C']!), null);
        await result.getByRole('button', { name: 'Done' }).click();
      },
    ));

  it('Esc in a date picker closes the picker, not the dialog', () =>
    withShot(
      () => page,
      'esc closes the date picker first',
      async () => {
        await page.goto('/portfolio?q=Routine');
        await page
          .getByRole('checkbox', { name: 'Select Routine follow-up 1', exact: true })
          .check();
        await page
          .getByRole('region', { name: 'Bulk actions' })
          .getByRole('button', { name: 'Reschedule…' })
          .click();
        const dialog = page.getByRole('dialog', { name: /Reschedule tasks/ });
        await dialog.getByRole('textbox', { name: 'New due date' }).click();
        const calendar = page.locator('[data-dates-dropdown]');
        await calendar.waitFor();
        await page.keyboard.press('Escape');
        await calendar.waitFor({ state: 'hidden' });
        assert.ok(await dialog.isVisible(), 'the dialog is still open');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      },
    ));

  it('the assignee picker offers only who can see the account, then roles, then its contacts; the dialog keeps typed input', () =>
    withShot(
      () => page,
      'add task assignee picker and discard',
      async () => {
        const data = await lookups(server);
        const assignable = await server.api<{
          users: Array<{ id: string; name: string }>;
          roles: Array<{ name: string; holder: { name: string } | null }>;
          contacts: Array<{ name: string }>;
        }>('GET', `/api/v1/accounts/${data.accounts[0]!.id}/assignable`);
        const outsiders = data.users.filter((u) => !assignable.users.some((a) => a.id === u.id));
        assert.ok(outsiders.length > 0, 'some users cannot see this account');
        await page.goto('/portfolio');
        await page.getByRole('button', { name: 'Add task' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add task' });
        const account = dialog.getByRole('combobox', { name: 'Account' });
        await account.fill(data.accounts[0]!.name);
        await page.getByRole('option', { name: data.accounts[0]!.name, exact: true }).click();
        await dialog.getByRole('combobox', { name: 'Assigned to' }).click();
        const listbox = page
          .getByRole('listbox')
          .filter({ hasText: 'People who can see this account' });
        await listbox.waitFor();
        const offered = await listbox.getByRole('option').allInnerTexts();
        const expected = [
          ...assignable.users.map((u) => u.name),
          ...assignable.roles.map((r) => `Role: ${r.name} (${r.holder?.name ?? 'nobody'})`),
          ...assignable.contacts.map((c) => `Contact: ${c.name}`),
        ];
        assert.deepEqual(offered, expected);
        for (const u of outsiders) assert.ok(!offered.includes(u.name), `${u.name} is not offered`);
        await page.keyboard.press('Escape');
        await listbox.waitFor({ state: 'hidden' });
        // Esc in the due-date calendar closes the calendar, not the dialog.
        await dialog.getByRole('textbox', { name: 'Due date' }).click();
        const calendar = page.locator('[data-dates-dropdown]');
        await calendar.waitFor();
        await page.keyboard.press('Escape');
        await calendar.waitFor({ state: 'hidden' });
        assert.ok(await dialog.isVisible(), 'the Add task dialog is still open');
        // Typed input: Esc asks before discarding it.
        await dialog.getByRole('textbox', { name: 'Title' }).fill('Half-written task');
        await page.keyboard.press('Escape');
        const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
        await ask.getByRole('button', { name: 'Keep editing' }).click();
        assert.equal(
          await dialog.getByRole('textbox', { name: 'Title' }).inputValue(),
          'Half-written task',
        );
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await ask.getByRole('button', { name: 'Discard' }).click();
        await dialog.waitFor({ state: 'detached' });
      },
    ));

  it('keeps names and badges whole at 1366 px, and is accessible', () =>
    withShot(
      () => page,
      'work list at 1366',
      async () => {
        // Open and completed tasks: the widest table (a Completed column too).
        await page.goto('/portfolio?status=all');
        const table = page.getByRole('table', { name: 'Tasks' });
        await table.getByTestId('task-row').first().waitFor();
        const problems = await table.evaluate((el) => {
          const out: string[] = [];
          for (const label of el.querySelectorAll('.mantine-Badge-label'))
            if (label.scrollWidth > label.clientWidth + 1)
              out.push(`truncated badge ${label.textContent}`);
          for (const a of el.querySelectorAll('a[href^="/accounts/"]'))
            if (a.getClientRects().length > 1) out.push(`wrapped name ${a.textContent}`);
          for (const cell of el.querySelectorAll('td.nowrap'))
            if ((cell as HTMLElement).innerText.includes('\n'))
              out.push(`wrapped cell ${cell.textContent}`);
          return out;
        });
        assert.deepEqual(problems, []);
        assert.deepEqual(await seriousA11yViolations(page), []);
      },
    ));

  it('shows cards with title, account, due and priority on a 390 px phone', () =>
    withShot(
      () => page,
      'work list cards at 390',
      async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/portfolio?due=overdue&priority=high');
        const card = page.getByTestId('task-card').filter({ hasText: 'Late escalation 1' }).first();
        await card.waitFor();
        assert.equal(await page.getByRole('table', { name: 'Tasks' }).count(), 0);
        const text = await card.innerText();
        assert.match(text, /Late escalation 1/);
        assert.match(text, /overdue/);
        assert.match(text, /high/i);
        const api = await server.api<TaskList>(
          'GET',
          '/api/v1/tasks?assignee=me&q=Late%20escalation%201&limit=5',
        );
        assert.match(text, new RegExp(api.data[0]!.account.name));
        // The filters fold behind one button that says how many are on.
        await page.getByRole('button', { name: 'Filters (2)' }).click();
        assert.equal(await page.getByRole('combobox', { name: 'Due' }).inputValue(), 'Overdue');
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `no sideways scrolling (${width} px)`);
        assert.deepEqual(await seriousA11yViolations(page), []);
        await page.setViewportSize({ width: 1366, height: 900 });
      },
    ));

  it('logged no browser errors', () => {
    assert.deepEqual(errors, []);
  });
});
