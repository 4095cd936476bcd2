// Words for people, not codes (issue 9): a play's runs and results, the e-mail outbox, a user's
// handover and an account timeline with an attribute change show labels, never the API's codes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';
import { createTask, isoInDays, lookups } from './fixtures.ts';

/** snake_case codes and camelCase keys (e.g. task_assigned, dry_run, tasksReassigned). */
const CODE = /\b[A-Za-z]+_[A-Za-z_]+\b|\b[a-z]+[A-Z][A-Za-z]*\b/g;

async function assertNoCodes(region: Locator, what: string) {
  const text = await region.innerText();
  assert.deepEqual(text.match(CODE) ?? [], [], `${what} shows codes:\n${text}`);
}

describe('labels instead of codes in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  let playId: string;
  let accountId: string;
  let leaverId: string;
  let me: { id: string; name: string };
  browserSuite(
    {
      signIn: true,
      setup: async (s) => {
        const data = await lookups(s);
        me = data.me;
        const account = data.accounts[0]!;
        accountId = account.id;
        const flowId = data.flows[0]!.id;
        // A play that fires for one account when enabled, then a dry run that finds its open task.
        const play = await s.api<{ id: string }>('POST', '/api/v1/plays', {
          name: 'Label check play',
          description: 'Creates a call task for one account.',
          subject: 'accounts',
          trigger: { type: 'enter' },
          criteria: { kind: 'compare', field: 'name', op: 'eq', value: account.name },
          actions: [
            {
              id: 'call',
              type: 'create_task',
              title: 'Label check call',
              description: '<p>Call the account.</p>',
              dueInDays: 3,
              flowId,
              assignee: { type: 'user', userId: me.id },
            },
          ],
        });
        playId = play.id;
        await s.api('POST', `/api/v1/plays/${playId}/enable`, { fireNow: true });
        await s.api('POST', `/api/v1/plays/${playId}/dry-run`);
        // A user with open work, to be disabled in the browser; a task for the admin queues an e-mail.
        const leaver = await s.api<{ id: string }>('POST', '/api/v1/users', {
          name: 'Lee Leaver',
          email: 'lee.leaver@playmaker.test',
          role: 'standard',
          teamIds: [data.enterprise.id],
        });
        leaverId = leaver.id;
        for (const title of ['Leaver task one', 'Leaver task two'])
          await createTask(s, {
            accountId,
            flowId,
            title,
            userId: leaverId,
            dueDate: isoInDays(5),
          });
        await createTask(s, {
          accountId,
          flowId,
          title: 'Label check mail',
          userId: me.id,
          dueDate: isoInDays(2),
        });
        // An attribute change: the timeline names the attribute by its label, not its key.
        const acc = await s.api<{ version: number }>('GET', `/api/v1/accounts/${accountId}`);
        await s.api('PATCH', `/api/v1/accounts/${accountId}`, {
          version: acc.version,
          attributes: { csm_notes: 'Label check note' },
        });
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  it("a play's runs, a dry run's results and its early effectiveness are in words", () =>
    withShot(
      () => page,
      'labels play runs',
      async () => {
        await page.goto(`${server.baseUrl}/plays/${playId}?tab=runs`);
        const runs = page.getByRole('table', { name: 'Runs' });
        await runs.getByText('Dry run', { exact: true }).waitFor();
        await runs.getByText('Enabled', { exact: true }).waitFor();
        await assertNoCodes(runs, 'the runs table');
        // Runs are newest first: the dry run's results.
        await runs.getByRole('button').first().click();
        const results = page.getByRole('table', { name: 'Run results' });
        await results.getByText('Skipped: an open task already exists').waitFor();
        await assertNoCodes(results, 'the run results');
        // Fired today with a 30-day goal window: no score of 0 yet.
        await page.goto(`${server.baseUrl}/plays/${playId}?tab=effectiveness`);
        const early = page.getByTestId('effectiveness-too-early');
        await early.getByText('Too early to tell').waitFor();
        await early.getByText(/30-day window on /).waitFor();
        assert.equal(await page.getByTestId('effectiveness-score').count(), 0);
      },
    ));

  it('the outbox names kinds and statuses', () =>
    withShot(
      () => page,
      'labels outbox',
      async () => {
        await page.goto(`${server.baseUrl}/settings?tab=outbox`);
        const table = page.getByRole('table', { name: 'E-mail outbox' });
        const row = table.getByTestId('outbox-row').filter({ hasText: 'Label check mail' });
        await row.getByText('Task assigned', { exact: true }).waitFor();
        await row.getByText('Not sent (no mail server)').waitFor();
        // Subjects and addresses are the users' own words; the kind and status columns are ours.
        for (const col of [3, 4]) {
          const cells = (await table.locator(`tbody td:nth-child(${col})`).allInnerTexts()).join(
            ' | ',
          );
          assert.deepEqual(cells.match(CODE) ?? [], [], `outbox column ${col}: ${cells}`);
        }
      },
    ));

  it('disabling a user reports the handover in sentences with counts', () =>
    withShot(
      () => page,
      'labels handover',
      async () => {
        await page.goto(`${server.baseUrl}/settings?tab=users`);
        const row = page.getByRole('row').filter({ hasText: 'Lee Leaver' });
        await row.getByRole('button', { name: 'Disable…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Disable Lee Leaver' });
        const to = dialog
          .getByRole('textbox', { name: 'Hand over to' })
          .or(dialog.getByRole('combobox', { name: 'Hand over to' }))
          .first();
        await to.click();
        await to.fill(me.name);
        await page.getByRole('option', { name: me.name }).first().click();
        await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
        const note = page.getByRole('alert').filter({ hasText: 'Lee Leaver disabled' });
        await note.getByText(`2 open tasks handed over to ${me.name}`, { exact: false }).waitFor();
        await assertNoCodes(note, 'the handover report');
        assert.doesNotMatch(await note.innerText(), /tasksReassigned|handover/);
      },
    ));

  it('the timeline names attributes by label and events in words', () =>
    withShot(
      () => page,
      'labels timeline',
      async () => {
        await page.goto(`${server.baseUrl}/accounts/${accountId}?tab=timeline`);
        const timeline = page.getByRole('list', { name: 'Timeline' });
        await timeline.getByText(/CSM notes changed: .* → Label check note/).waitFor();
        await timeline.getByText('Attribute changed', { exact: true }).first().waitFor();
        await timeline.getByText('Task reassigned', { exact: true }).first().waitFor();
        const text = await timeline.innerText();
        assert.doesNotMatch(text, /csm_notes|task_completed|attribute_changed|task_reassigned/);
        // The demo's own history may quote values; the events this test made are checked whole.
        for (const mine of ['Label check', 'Leaver task'])
          for (const e of await page.getByTestId('timeline-event').filter({ hasText: mine }).all())
            await assertNoCodes(e, `the timeline event "${await e.innerText()}"`);
        assert.deepEqual(errors, []);
      },
    ));
});
