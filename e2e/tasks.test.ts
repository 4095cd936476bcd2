// Tasks in a real browser: sign in/out, add a task and find it in My Portfolio, complete it with a touchpoint
// and an outcome, reassign it and see the timeline entry, and bulk-reschedule from the tasks collection.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, waitForInputValue, withShot, type Server } from './harness.ts';
import { createTask, getTask, isoInDays, lookups } from './fixtures.ts';

describe('tasks in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let data: Awaited<ReturnType<typeof lookups>>;

  browserSuite(
    {
      setup: async (server) => {
        data = await lookups(server);
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  it('signs in, shows My Portfolio, signs out', () =>
    withShot(
      () => page,
      'signs in, shows My Portfolio, signs out',
      async () => {
        await login(page);
        await page.getByRole('button', { name: /account menu/ }).click();
        await page.getByRole('menuitem', { name: 'Log out' }).click();
        await page.getByRole('heading', { name: 'Sign in to Playmaker' }).waitFor();
        // A wrong password is refused with a message, and nothing else happens.
        await page.getByLabel('E-mail').fill('e2e-admin@playmaker.test');
        await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').waitFor();
        await login(page);
      },
    ));

  it('adds a task from the + menu and finds it in My Portfolio', () =>
    withShot(
      () => page,
      'adds a task from the + menu and finds it in My Portfolio',
      async () => {
        const account = data.accounts[0]!;
        await page.getByRole('button', { name: 'Quick actions' }).click();
        await page.getByRole('menuitem', { name: 'Add task' }).click();
        const dialog = page.getByRole('dialog', { name: 'Add task' });
        // Saving empty shows the problems next to the fields.
        await dialog.getByRole('button', { name: 'Add', exact: true }).click();
        await dialog.getByText('Enter a title').waitFor();
        await dialog.getByRole('combobox', { name: 'Account' }).fill(account.name);
        await page.getByRole('option', { name: account.name, exact: true }).click();
        await dialog.getByRole('textbox', { name: 'Title' }).fill('Call about the renewal');
        await dialog.getByRole('textbox', { name: 'Description' }).click();
        await page.keyboard.type('Ask about seats and the new contract.');
        await dialog.getByRole('combobox', { name: 'Outcomes' }).fill('Interested');
        await page.keyboard.press('Enter');
        await dialog.getByRole('combobox', { name: 'Outcomes' }).fill('Not interested');
        await page.keyboard.press('Enter');
        await dialog.getByRole('button', { name: 'Add', exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        // The new task opens in the panel; close it and find the row in My Portfolio → Work.
        await page
          .getByRole('dialog', { name: 'Task' })
          .getByRole('heading', { name: 'Call about the renewal' })
          .waitFor();
        await page.keyboard.press('Escape');
        const row = page.getByTestId('task-row').filter({ hasText: 'Call about the renewal' });
        await row.waitFor();
        assert.match(await row.innerText(), new RegExp(account.name));
      },
    ));

  it('the + menu on an account page starts with that account', async () => {
    try {
      await withShot(() => page, 'quick actions on an account page', quickActionsOnAnAccountPage);
    } finally {
      // The next test starts on My Portfolio with no dialog open, even when this one fails.
      await page.goto('/portfolio');
    }
  });

  async function quickActionsOnAnAccountPage() {
    const account = data.accounts[4]!;
    await page.goto(`/accounts/${account.id}`);
    await page.getByRole('heading', { name: account.name, exact: true }).waitFor();
    for (const [item, dialogName] of [
      ['Add task', 'Add task'],
      ['Request information', 'Request information'],
    ] as const) {
      await page.getByRole('button', { name: 'Quick actions' }).click();
      await page.getByRole('menuitem', { name: item }).click();
      const dialog = page.getByRole('dialog', { name: dialogName });
      await waitForInputValue(dialog.getByRole('combobox', { name: 'Account' }), account.name);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    // Elsewhere the + menu starts empty.
    await page.goto('/portfolio');
    await page.getByRole('button', { name: 'Quick actions' }).click();
    await page.getByRole('menuitem', { name: 'Add task' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add task' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('combobox', { name: 'Account' }).inputValue(), '');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('completes the task with a touchpoint and an outcome', () =>
    withShot(
      () => page,
      'completes the task with a touchpoint and an outcome',
      async () => {
        await page.getByRole('button', { name: 'Complete Call about the renewal' }).click();
        const dialog = page.getByRole('dialog', { name: /Mark task as complete/ });
        // The task has outcomes, so one must be chosen.
        await dialog.getByRole('button', { name: 'Complete task' }).click();
        await dialog.getByText('Choose an outcome').waitFor();
        await dialog.getByRole('radio', { name: 'Interested', exact: true }).check();
        await dialog.getByRole('checkbox', { name: /post-completion touchpoint/ }).check();
        await dialog.getByRole('textbox', { name: 'Subject' }).fill('Renewal call');
        await dialog.getByRole('button', { name: 'Complete task' }).click();
        await dialog.waitFor({ state: 'detached' });
        // Gone from the open list; struck through under Completed.
        await page
          .getByTestId('task-row')
          .filter({ hasText: 'Call about the renewal' })
          .waitFor({ state: 'detached' });
        await page
          .locator('label')
          .filter({ hasText: /^Completed$/ })
          .click();
        const done = page.getByTestId('task-row').filter({ hasText: 'Call about the renewal' });
        await done.waitFor();
        const decoration = await done
          .getByRole('button', { name: 'Call about the renewal', exact: true })
          .evaluate((el) => getComputedStyle(el).textDecorationLine);
        assert.equal(decoration, 'line-through');
        const taskId = await done.getAttribute('data-task-id');
        const task = await getTask(server, taskId!);
        assert.equal(task.status, 'completed');
        assert.equal(task.outcome, 'Interested');
        const timeline = await server.api<{
          data: Array<{ type: string; taskId: string | null; payload: { subject?: string } }>;
        }>('GET', `/api/v1/accounts/${task.account.id}/timeline`);
        assert.ok(
          timeline.data.some(
            (e) =>
              e.type === 'touchpoint' &&
              e.taskId === taskId &&
              e.payload.subject === 'Renewal call',
          ),
          'touchpoint on the timeline',
        );
        await page
          .locator('label')
          .filter({ hasText: /^Open$/ })
          .click();
      },
    ));

  it('reassigns a task and shows the reassignment in its history', () =>
    withShot(
      () => page,
      'reassigns a task and shows the reassignment in its history',
      async () => {
        const marcus = data.user('Marcus Reed');
        const t = await createTask(server, {
          accountId: data.accounts[1]!.id,
          flowId: data.flows[0]!.id,
          title: 'Prepare the QBR deck',
          userId: data.me.id,
          dueDate: isoInDays(3),
        });
        await page.goto(`/portfolio?task=${t.id}`);
        const panel = page.getByRole('dialog', { name: 'Task' });
        await panel.getByRole('button', { name: 'Edit' }).click();
        // The field shows the current assignee; replace it by typing, as a person would.
        const assignee = panel.getByRole('combobox', { name: 'Assigned to' });
        await assignee.click();
        await assignee.press('ControlOrMeta+a');
        await assignee.pressSequentially('Marcus');
        await page.getByRole('option', { name: 'Marcus Reed' }).click();
        await panel.getByRole('button', { name: 'Save' }).click();
        await panel
          .getByText(/Task "Prepare the QBR deck" reassigned from .* to Marcus Reed/)
          .waitFor();
        assert.equal((await getTask(server, t.id)).assignee.id, marcus.id);
        await page.keyboard.press('Escape');
      },
    ));

  it("shows an older task's reassignment on a busy account", () =>
    withShot(
      () => page,
      'older task history',
      async () => {
        const marcus = data.user('Marcus Reed');
        const account = data.accounts[1]!;
        const t = await createTask(server, {
          accountId: account.id,
          flowId: data.flows[0]!.id,
          title: 'Renewal paperwork',
          userId: data.me.id,
          dueDate: isoInDays(5),
        });
        await server.api('PATCH', `/api/v1/tasks/${t.id}`, {
          version: t.version,
          assignee: { userId: marcus.id },
        });
        // More than a page of newer events on the same account (given to Marcus, so the admin's lists stay as they were).
        for (let i = 0; i < 105; i++) {
          await createTask(server, {
            accountId: account.id,
            flowId: data.flows[0]!.id,
            title: `Busy work ${i}`,
            userId: marcus.id,
            dueDate: isoInDays(60),
          });
        }
        await page.goto(`/portfolio?task=${t.id}`);
        const panel = page.getByRole('dialog', { name: 'Task' });
        await panel
          .getByText(/Task "Renewal paperwork" reassigned from .* to Marcus Reed/)
          .waitFor();
        await page.keyboard.press('Escape');
      },
    ));

  it('bulk-reschedules selected tasks in the tasks collection', () =>
    withShot(
      () => page,
      'bulk-reschedules selected tasks in the tasks collection',
      async () => {
        const titles = ['Bulk one', 'Bulk two'];
        const created = [];
        for (const title of titles) {
          created.push(
            await createTask(server, {
              accountId: data.accounts[2]!.id,
              flowId: data.flows[0]!.id,
              title,
              userId: data.me.id,
              dueDate: isoInDays(2),
            }),
          );
        }
        await page.goto('/tasks?assignee=me&due=incomplete');
        for (const title of titles)
          await page.getByRole('checkbox', { name: `Select ${title}` }).check();
        await page.getByRole('region', { name: 'Bulk actions' }).getByText('2 selected').waitFor();
        await page.getByRole('button', { name: 'Reschedule…' }).click();
        const target = isoInDays(30);
        const [y, m, d] = target.split('-').map(Number);
        const label = new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-US', {
          month: 'short',
          day: 'numeric',
          year: 'numeric',
          timeZone: 'UTC',
        });
        const input = page.getByRole('textbox', { name: 'New due date' });
        await input.fill(label);
        // Leaving the field commits the typed date and closes its calendar.
        await page
          .getByRole('dialog', { name: /Reschedule tasks/ })
          .getByRole('heading')
          .click();
        await page.getByRole('button', { name: 'Reschedule selected' }).click();
        await page.getByText(/Rescheduled: 2 of 2 tasks/).waitFor();
        for (const t of created) assert.equal((await getTask(server, t.id)).dueDate, target);
      },
    ));

  it('logged no browser errors', () => {
    assert.deepEqual(errors, []);
  });
});
