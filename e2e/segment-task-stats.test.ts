// A task statistic limited to one play, built in the segment editor of a real browser (SPEC §4):
// "at least 1 overdue task from play X" previews exactly the accounts with an overdue task from X.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';
import type { Ref, TaskOut } from './fixtures.ts';

type TaskPage = { data: TaskOut[]; nextCursor: string | null };

describe('segment editor: task statistics from one play', () => {
  let server: Server;
  let page: Page;

  browserSuite({ signIn: true }, (s) => {
    ({ server, page } = s);
  });

  /** Names of the accounts with an overdue task (from `playId` when given), as the tasks list says. */
  const overdueAccounts = async (playId?: string) => {
    const names = new Set<string>();
    let cursor: string | null = null;
    do {
      const q = `due=overdue&limit=200${playId ? `&playId=${playId}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res: TaskPage = await server.api<TaskPage>('GET', `/api/v1/tasks?${q}`);
      for (const t of res.data) names.add(t.account.name);
      cursor = res.nextCursor;
    } while (cursor);
    return [...names].sort((a, b) => a.localeCompare(b));
  };

  it('previews the accounts with at least 1 overdue task from the chosen play', () =>
    withShot(
      () => page,
      'segment-task-stats',
      async () => {
        // The demo play whose overdue tasks are on the fewest accounts (but some): the limit must matter.
        const plays = (await server.api<{ data: Ref[] }>('GET', '/api/v1/plays?limit=500')).data;
        const anyPlay = await overdueAccounts();
        let chosen: { play: Ref; accounts: string[] } | null = null;
        for (const play of plays) {
          const accounts = await overdueAccounts(play.id);
          if (accounts.length > 0 && (!chosen || accounts.length < chosen.accounts.length))
            chosen = { play, accounts };
        }
        assert.ok(chosen, 'the demo has a play with overdue tasks');
        assert.ok(chosen.accounts.length < anyPlay.length, 'fewer accounts than any overdue task');

        await page.goto('/segments/new');
        await page.getByRole('textbox', { name: 'Name' }).fill('Behind on one play');
        await page.getByRole('button', { name: 'Add condition' }).click();
        const row = page.getByRole('group', { name: 'Condition 1' });
        const pick = async (label: string, option: string) => {
          await row.getByRole('combobox', { name: label }).click();
          await page
            .getByRole('option', { name: option, exact: true })
            .filter({ visible: true })
            .click();
        };
        await pick('Condition type', 'Task statistics');
        await pick('Tasks', 'Overdue tasks');
        await pick('Comparison', 'at least');
        await row.getByRole('textbox', { name: 'Number of tasks' }).fill('1');
        // Unlimited first: every account with an overdue task.
        const count = (n: number) =>
          page
            .getByTestId('preview-count')
            .filter({ hasText: `${n} account${n === 1 ? '' : 's'} match` })
            .waitFor();
        await count(anyPlay.length);
        await pick('Only from play', chosen.play.name);
        await count(chosen.accounts.length);
        const shown = await page
          .getByRole('table', { name: 'Preview' })
          .locator('tbody tr td:first-child a')
          .allInnerTexts();
        const listed = shown.map((s) => s.trim()).sort((a, b) => a.localeCompare(b));
        assert.ok(
          listed.length > 0 && listed.every((n) => chosen.accounts.includes(n)),
          listed.join(),
        );
        if (chosen.accounts.length <= listed.length)
          assert.deepEqual(listed, chosen.accounts, 'the preview lists exactly those accounts');

        // Saved and reopened, the condition still names the play.
        await page.getByRole('button', { name: 'Save segment' }).click();
        await page.getByRole('tab', { name: 'Work' }).waitFor();
        await page.reload();
        await page
          .getByRole('group', { name: 'Condition 1' })
          .getByRole('combobox', { name: 'Only from play' })
          .and(page.locator(`[value="${chosen.play.name.replace(/"/g, '\\"')}"]`))
          .waitFor();
      },
    ));
});
