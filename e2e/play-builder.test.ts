// Building a play as a builder expects (issue 9): a merge field inserted with "Add data", a stale error
// that goes once the field is fixed, the play's controls right after saving, a dry run that shows per
// record the rendered title, assignee, due date and why it fell back, and a plays list whose columns
// are readable at 1366 px and cards at 390 px — axe clean at both widths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, seriousA11yViolations, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

/** Polls a condition the page reaches after a re-render. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('play builder', () => {
  let server: Server;
  let page: Page;
  const marker = `pb-${Date.now().toString(36)}`;
  let names: string[] = [];

  browserSuite(
    {
      signIn: true,
      setup: async (s) => {
        const data = await lookups(s);
        names = [data.accounts[0]!.name, data.accounts[1]!.name];
        // Two accounts the play will meet, copied from a segment; a role nobody holds on them.
        await s.api('POST', '/api/v1/segments', {
          name: `Two accounts ${marker}`,
          subject: 'accounts',
          criteria: {
            kind: 'or',
            items: names.map((n) => ({ kind: 'compare', field: 'name', op: 'eq', value: n })),
          },
        });
        await s.api('POST', '/api/v1/account-roles', { name: `Sponsor ${marker}` });
      },
    },
    (s) => {
      ({ server, page } = s);
    },
  );

  it('inserts a merge field, saves, dry-runs per record, and lists the play', () =>
    withShot(
      () => page,
      'play-builder',
      async () => {
        const me = await server.api<{ name: string }>('GET', '/api/v1/me');
        await page.setViewportSize({ width: 1366, height: 900 });
        await page.goto('/plays/new');
        await page.getByRole('textbox', { name: 'Name' }).fill(`Sponsor check ${marker}`);
        await page
          .getByRole('textbox', { name: 'Description' })
          .first()
          .fill('Check each account has a sponsor.');
        await page.getByText('Copy from a segment').click();
        await page.getByRole('combobox', { name: 'Segment' }).click();
        await page.getByRole('option', { name: `Two accounts ${marker}` }).click();

        const action = page.getByRole('group', { name: 'Action 1: Create task' });
        const title = action.getByRole('textbox', { name: 'Title' });
        await title.fill('Find a sponsor at ');
        await action.getByRole('button', { name: 'Add data to Title' }).click();
        await page.getByRole('menuitem', { name: 'Account name', exact: true }).waitFor();
        assert.equal(
          await page.getByRole('menuitem', { name: 'Contact first name' }).count(),
          0,
          'an account play offers no contact fields',
        );
        await page.getByRole('menuitem', { name: 'Account name', exact: true }).click();
        assert.equal(await title.inputValue(), 'Find a sponsor at {{account.name}}');

        // The description is the rich-text editor of manual tasks, with its own "Add data".
        const description = action.getByRole('textbox', { name: 'Description' });
        await description.fill('Ask who signs the renewal for ');
        await action.getByRole('button', { name: 'Add data to Description' }).click();
        await page.getByRole('menuitem', { name: 'Account name', exact: true }).click();
        assert.match(
          await description.innerText(),
          /Ask who signs the renewal for \{\{account\.name\}\}/,
        );

        // Saving without a flow: the error shows, and goes as soon as the flow is chosen.
        const assignee = action.getByRole('group', { name: 'Assignee' });
        await assignee.getByText('Account role').click();
        await assignee.getByRole('combobox', { name: 'Assignee: role' }).click();
        await page.getByRole('option', { name: `Sponsor ${marker}` }).click();
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        const flow = action.getByRole('combobox', { name: 'Flow' });
        await until(
          async () => (await flow.getAttribute('aria-invalid')) === 'true',
          'flow marked',
        );
        await flow.click();
        await page.getByRole('option', { name: 'Onboarding' }).click();
        await until(
          async () => (await flow.getAttribute('aria-invalid')) !== 'true',
          'the stale error is gone once the flow is chosen',
        );

        // Saved: the play's own page with its controls.
        await page.getByRole('button', { name: 'Create play (disabled)' }).click();
        await page.getByRole('heading', { name: `Sponsor check ${marker}` }).waitFor();
        await page.getByRole('button', { name: 'Enable…' }).waitFor();
        await page.getByRole('button', { name: 'Dry run' }).click();

        const dialog = page.getByRole('dialog', { name: 'Dry run: what would happen now' });
        const table = dialog.getByRole('table', { name: 'Dry run results' });
        await table.waitFor();
        // One group per record: its name in the group's header row, then its actions in order.
        const groups = await table.locator('tbody').evaluateAll((bodies) =>
          bodies.map((b) => ({
            record: b.querySelector('th')?.textContent ?? '',
            rows: [...b.querySelectorAll('tr')]
              .slice(1)
              .map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
          })),
        );
        assert.deepEqual(groups.map((g) => g.record).sort(), [...names].sort());
        for (const g of groups) {
          assert.equal(g.rows.length, 1, 'one action');
          const [cells] = g.rows;
          assert.equal(cells![2], `Find a sponsor at ${g.record}`, 'rendered title');
          assert.equal(cells![3], me.name, 'falls back to the play owner');
          assert.match(cells![4]!, /\d/, 'a due date');
          assert.equal(cells![5], 'Nobody holds the account role the play assigns to.');
        }
        assert.deepEqual(await seriousA11yViolations(page), [], 'dry run at 1366 px');
        await page.keyboard.press('Escape');

        // The plays list: every column readable at 1366 px, nothing cut off.
        await page.goto('/plays');
        const list = page.getByRole('table', { name: 'Plays' });
        const mine = list.getByRole('row').filter({ hasText: `Sponsor check ${marker}` });
        await mine.waitFor();
        const headers = await list.getByRole('columnheader').allInnerTexts();
        assert.deepEqual(headers, [
          'Name',
          'Status',
          'Owner',
          'Effectiveness',
          'Open tasks',
          'Last run',
          'Trigger',
        ]);
        const cells = await mine.getByRole('cell').allInnerTexts();
        assert.equal(cells[1], 'Disabled');
        assert.equal(cells[2], me.name);
        assert.equal(cells[3], 'Too early to tell');
        assert.equal(cells[4], '0');
        assert.equal(cells[5], 'Never fired', 'a dry run is not a firing');
        const cut = await list.evaluate((t) => {
          const box = t.getBoundingClientRect();
          const clipped = [...t.querySelectorAll('th, td, p, .mantine-Badge-label')].filter(
            (el) => el.scrollWidth > el.clientWidth + 1,
          );
          return {
            overflow: box.right > window.innerWidth,
            clipped: clipped.map(
              (el) =>
                `${el.className.slice(0, 40)}: ${(el.textContent ?? '').slice(0, 40)} ${el.scrollWidth}/${el.clientWidth}`,
            ),
          };
        });
        assert.deepEqual(cut, { overflow: false, clipped: [] }, 'no truncation at 1366 px');
        assert.deepEqual(await seriousA11yViolations(page), [], 'plays list at 1366 px');

        // Below 600 px the plays are cards.
        await page.setViewportSize({ width: 390, height: 844 });
        const card = page
          .getByRole('list', { name: 'Plays' })
          .getByRole('listitem')
          .filter({ hasText: `Sponsor check ${marker}` });
        await card.getByText('Too early to tell').waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'plays list at 390 px');
        await page.goto('/plays/new');
        await page.getByRole('button', { name: 'Add data to Title' }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'play builder at 390 px');
        await page.setViewportSize({ width: 1366, height: 900 });
      },
    ));
});
