// Segment → Work in a real browser: the segment's Work tab shows the tasks GET /tasks?segmentId= returns, in the
// same order with the same counts, and tasks can be completed there one by one and in bulk.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';
import { createTask, getTask, isoInDays, lookups, type TaskOut } from './fixtures.ts';

type Group = { key: string | null; count: number };
type TaskList = { data: TaskOut[]; nextCursor: string | null; groups?: Group[] };

describe('Segment → Work in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let segmentId: string;
  const titles = ['Segment check-in one', 'Segment check-in two', 'Segment check-in three'];
  const created: TaskOut[] = [];

  browserSuite(
    {
      signIn: true,
      setup: async (server) => {
        const data = await lookups(server);
        const [a, b] = [data.accounts[5]!, data.accounts[6]!];
        for (const [i, title] of titles.entries())
          created.push(
            await createTask(server, {
              accountId: (i === 0 ? a : b).id,
              flowId: data.flows[0]!.id,
              title,
              userId: data.me.id,
              dueDate: isoInDays(i + 1),
            }),
          );
        segmentId = (
          await server.api<{ id: string }>('POST', '/api/v1/segments', {
            name: 'Two demo accounts',
            subject: 'accounts',
            criteria: { kind: 'compare', field: 'name', op: 'in', values: [a.name, b.name] },
          })
        ).id;
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  const listed = (query = '') =>
    server.api<TaskList>('GET', `/api/v1/tasks?segmentId=${segmentId}&limit=50${query}`);
  const shownIds = async () =>
    page
      .getByRole('table', { name: 'Segment work' })
      .getByTestId('task-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id')));

  it("shows on the segment's Work tab the tasks the tasks list returns for the segment", () =>
    withShot(
      () => page,
      'segment work shows the tasks list',
      async () => {
        await page.goto(`/segments/${segmentId}`);
        await page.getByRole('tab', { name: 'Work' }).click();
        await page.getByRole('table', { name: 'Segment work' }).waitFor();
        const api = await listed();
        assert.ok(
          api.data.length >= titles.length,
          'the segment has our tasks and the seeded ones',
        );
        for (const t of created)
          assert.ok(
            api.data.some((x) => x.id === t.id),
            `${t.title} is in the API list`,
          );
        assert.deepEqual(
          await shownIds(),
          api.data.map((t) => t.id),
        );
        const all = await listed('&status=all&groupBy=status');
        const overdue = await listed('&due=overdue&groupBy=status');
        const today = await listed('&due=today&groupBy=status');
        const count = (l: TaskList, key: string) =>
          l.groups?.find((g) => g.key === key)?.count ?? 0;
        await page
          .getByLabel('Task counts')
          .getByText(
            `${count(all, 'open')} open · ${count(overdue, 'open')} overdue · ${count(today, 'open')} due today · ${count(all, 'completed')} completed`,
          )
          .waitFor();
      },
    ));

  it('completes a task from the segment work list', () =>
    withShot(
      () => page,
      'completes a task from segment work',
      async () => {
        const [one] = created;
        await page.getByRole('button', { name: `Complete ${one!.title}` }).click();
        const dialog = page.getByRole('dialog', { name: /Mark task as complete/ });
        await dialog.getByRole('button', { name: 'Complete task' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page
          .getByRole('table', { name: 'Segment work' })
          .getByTestId('task-row')
          .filter({ hasText: one!.title })
          .waitFor({ state: 'detached' });
        assert.equal((await getTask(server, one!.id)).status, 'completed');
        assert.deepEqual(
          await shownIds(),
          (await listed()).data.map((t) => t.id),
        );
      },
    ));

  it('completes the selected tasks in bulk', () =>
    withShot(
      () => page,
      'bulk-completes tasks from segment work',
      async () => {
        const rest = created.slice(1);
        for (const t of rest)
          await page.getByRole('checkbox', { name: `Select ${t.title}` }).check();
        const bar = page.getByRole('region', { name: 'Bulk actions' });
        await bar.getByText(`${rest.length} selected`).waitFor();
        await bar.getByRole('button', { name: 'Complete…' }).click();
        await page.getByRole('button', { name: 'Complete selected' }).click();
        await page.getByText(`Completed: ${rest.length} of ${rest.length} tasks`).waitFor();
        for (const t of rest) assert.equal((await getTask(server, t.id)).status, 'completed');
        await page
          .locator('label')
          .filter({ hasText: /^Completed$/ })
          .click();
        for (const t of created)
          await page.getByTestId('task-row').filter({ hasText: t.title }).waitFor();
      },
    ));

  it('logged no browser errors', () => {
    assert.deepEqual(errors, []);
  });
});
