// Team Spotlight → Work focus in a real browser on the seeded demo data: totals match the API,
// the "overdue now" count drills down to its tasks, a task opens in the task panel, and overdue accounts link to profiles.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, withShot, type Server } from './harness.ts';

type Counts = {
  created: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  openNow: number;
};

describe('Team Spotlight in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('shows the seeded totals and drills into overdue tasks', () =>
    withShot(
      () => page,
      'spotlight',
      async () => {
        const report = await server.api<{ totals: Counts; members: unknown[] }>(
          'GET',
          '/api/v1/spotlight/work?days=30',
        );
        const { totals } = report;
        // The demo seed has a month of history: work was created, completed, and some of it is late.
        assert.ok(
          totals.created > 0 && totals.completed > 0 && totals.overdueNow > 0,
          `seeded totals: ${JSON.stringify(totals)}`,
        );

        await login(page);
        await page
          .getByRole('navigation', { name: 'Main navigation' })
          .getByRole('link', { name: 'Team Spotlight' })
          .click();
        await page.getByRole('heading', { name: 'Team Spotlight' }).waitFor();
        const cards = page.getByTestId('spotlight-totals');
        await cards
          .getByRole('button', { name: `${totals.created} created: show the tasks` })
          .waitFor();
        await cards
          .getByRole('button', { name: `${totals.completed} completed: show the tasks` })
          .waitFor();
        assert.ok((await page.getByTestId('member-ribbon').count()) > 0, 'a ribbon per member');

        // Drill into "overdue now": the list holds overdue tasks only (first page of up to 50).
        await cards
          .getByRole('button', { name: `${totals.overdueNow} overdue now: show the tasks` })
          .click();
        const drill = page.getByTestId('spotlight-drill');
        await drill.getByRole('heading', { name: 'Overdue now tasks' }).waitFor();
        await drill.getByTestId('task-row').first().waitFor();
        const rows = await drill.getByTestId('task-row').count();
        assert.equal(rows, Math.min(50, totals.overdueNow));
        assert.equal(
          await drill.getByTestId('task-row').filter({ hasText: 'overdue' }).count(),
          rows,
          'every row is shown as overdue',
        );
        assert.match(page.url(), /drill=overdue/);

        // A task opens in the existing task panel.
        const title = (await drill
          .getByTestId('task-row')
          .first()
          .getByRole('button')
          .nth(1)
          .textContent())!.trim();
        await drill
          .getByTestId('task-row')
          .first()
          .getByRole('button', { name: title, exact: true })
          .click();
        await page
          .getByRole('dialog', { name: 'Task' })
          .getByRole('heading', { name: title })
          .waitFor();
        await page.keyboard.press('Escape');

        // Accounts with overdue tasks, linking to their profiles.
        await cards.getByRole('button', { name: 'Accounts with overdue tasks' }).click();
        await drill.getByRole('heading', { name: 'Accounts with overdue tasks' }).waitFor();
        const account = drill.getByTestId('overdue-account').first().getByRole('link');
        const name = (await account.textContent())!.trim();
        await account.click();
        await page.getByRole('heading', { name, exact: true }).waitFor();
        assert.deepEqual(errors, []);
      },
    ));
});
