// Issue 9 in a real browser: log a touchpoint from "+" (a participant and a file) and find it on the
// account timeline; the task panel lists a task's files (downloaded through the access-checked route)
// and links a completed task to the follow-up it created; an admin adds a workspace type ("QBR") in
// Settings and a QBR logged with a colleague reads so on the timeline. axe clean at 1366 and 390 px.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  ADMIN,
  browserSuite,
  seriousA11yViolations,
  waitForInputValue,
  withShot,
  type Server,
} from './harness.ts';
import { createTask, isoInDays, lookups } from './fixtures.ts';

type Contact = { id: string; firstName: string; lastName: string };
type Attachment = { filename: string };

describe('touchpoints and the task panel in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  browserSuite({ signIn: true }, (s) => {
    ({ server, page, errors } = s);
  });

  /** A file uploaded as an integration would (multipart, the admin's token). */
  const upload = async (
    accountId: string,
    fields: Record<string, string>,
    name: string,
    text: string,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([text], { type: 'text/plain' }), name);
    const res = await fetch(`${server.baseUrl}/api/v1/accounts/${accountId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN.token}` },
      body: form,
    });
    assert.equal(res.status, 201, await res.text());
  };
  const audit = async (what: string) => {
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width > 390 ? 900 : 844 });
      assert.deepEqual(await seriousA11yViolations(page), [], `${what} at ${width} px`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  };

  it('logs a touchpoint from "+" with a participant and a file; the account timeline names them', () =>
    withShot(
      () => page,
      'log touchpoint',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[0]!;
        const contacts = (
          await server.api<{ data: Contact[] }>('GET', `/api/v1/accounts/${account.id}/contacts`)
        ).data;
        const contact = contacts[0]!;
        const contactName = `${contact.firstName} ${contact.lastName}`;

        await page.goto('/portfolio');
        await page.getByRole('button', { name: 'Quick actions' }).click();
        await page.getByRole('menuitem', { name: 'Log touchpoint' }).click();
        const dialog = page.getByRole('dialog', { name: 'Log touchpoint' });
        await dialog.getByRole('combobox', { name: 'Account' }).fill(account.name);
        await page.getByRole('option', { name: account.name, exact: true }).click();
        await dialog.getByRole('textbox', { name: 'Subject' }).fill('Quarterly review prep');
        await dialog.getByRole('combobox', { name: 'Type' }).click();
        await page.getByRole('option', { name: 'Meeting' }).click();
        await dialog.getByRole('combobox', { name: 'Participants' }).click();
        await page.getByRole('option', { name: new RegExp(`^${contactName}`) }).click();
        await page.keyboard.press('Escape'); // closes the participants list, not the dialog
        await dialog.getByRole('textbox', { name: 'Notes' }).click();
        await page.keyboard.type('Agreed on the agenda.');
        await dialog.locator('input[type=file]').setInputFiles({
          name: 'agenda.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('1. Usage\n2. Renewal\n'),
        });
        await dialog.getByText('agenda.txt').waitFor();
        await audit('log touchpoint dialog');
        await dialog.getByRole('button', { name: 'Log touchpoint' }).click();
        await dialog.waitFor({ state: 'detached' });

        await page.goto(`/accounts/${account.id}?tab=timeline`);
        await page
          .getByText(`Meeting logged: Quarterly review prep with ${contactName}`)
          .first()
          .waitFor();
        const tps = await server.api<{
          data: Array<{ id: string; subject: string; body: string }>;
        }>('GET', `/api/v1/accounts/${account.id}/touchpoints`);
        const tp = tps.data.find((t) => t.subject === 'Quarterly review prep')!;
        assert.match(tp.body, /Agreed on the agenda\./);
        const files = await server.api<{ data: Attachment[] }>(
          'GET',
          `/api/v1/accounts/${account.id}/attachments?touchpointId=${tp.id}`,
        );
        assert.deepEqual(
          files.data.map((f) => f.filename),
          ['agenda.txt'],
        );
        // The account page's own button opens the same dialog on this account.
        await page.getByRole('button', { name: 'Log touchpoint' }).click();
        const again = page.getByRole('dialog', { name: 'Log touchpoint' });
        // The name shows once the account is looked up.
        await waitForInputValue(again.getByRole('combobox', { name: 'Account' }), account.name);
        await again.getByRole('button', { name: 'Cancel' }).click();
        await again.waitFor({ state: 'detached' });
        assert.deepEqual(errors, []);
      },
    ));

  it('the task panel lists the task’s files (the download works) and links to its follow-up', () =>
    withShot(
      () => page,
      'task panel files and follow-up',
      async () => {
        const data = await lookups(server);
        const account = data.accounts[1]!;
        const task = await createTask(server, {
          accountId: account.id,
          flowId: data.flows[0]!.id,
          title: 'Collect the signed order form',
          userId: data.me.id,
          dueDate: isoInDays(3),
        });
        await upload(account.id, { taskId: task.id }, 'order-form.txt', 'Signed by both parties.');
        await server.api('POST', `/api/v1/tasks/${task.id}/complete`, {
          followUp: {
            title: 'Send the countersigned copy',
            description: '<p>Back to the customer</p>',
            dueDate: isoInDays(5),
            assignee: { userId: data.me.id },
            priority: 'normal',
          },
        });

        await page.goto(`/portfolio?task=${task.id}`);
        const panel = page.getByRole('dialog', { name: 'Task' });
        await panel.getByRole('heading', { name: 'Collect the signed order form' }).waitFor();
        const files = panel.getByRole('list', { name: 'Attachments' });
        await files.getByText('23 B').waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          files.getByRole('link', { name: 'order-form.txt' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'order-form.txt');
        assert.equal(readFileSync((await download.path())!, 'utf8'), 'Signed by both parties.');
        await audit('task panel with files and a follow-up');

        await panel.getByRole('button', { name: 'Send the countersigned copy' }).click();
        await panel.getByRole('heading', { name: 'Send the countersigned copy' }).waitFor();
        assert.notEqual(new URL(page.url()).searchParams.get('task'), task.id);
        assert.deepEqual(errors, []);
      },
    ));

  it('an admin adds "QBR" in Settings; a QBR logged with a colleague shows on the account timeline', () =>
    withShot(
      () => page,
      'touchpoint types',
      async () => {
        await page.goto('/settings?tab=touchpoint-types');
        const types = page.getByRole('table', { name: 'Touchpoint types' });
        await types.getByRole('cell', { name: 'Meeting', exact: true }).waitFor();
        await page.getByRole('textbox', { name: 'New touchpoint type' }).fill('QBR');
        await page.getByRole('button', { name: 'Add type' }).click();
        await types.getByRole('cell', { name: 'qbr', exact: true }).waitFor();
        await audit('settings touchpoint types');

        const data = await lookups(server);
        const account = data.accounts[2]!;
        const assignable = await server.api<{ users: Array<{ id: string; name: string }> }>(
          'GET',
          `/api/v1/accounts/${account.id}/assignable`,
        );
        const colleague = assignable.users.find((u) => u.id !== data.me.id)!;

        await page.goto(`/accounts/${account.id}?tab=timeline`);
        await page.getByRole('button', { name: 'Log touchpoint' }).click();
        const dialog = page.getByRole('dialog', { name: 'Log touchpoint' });
        await dialog.getByRole('textbox', { name: 'Subject' }).fill('Quarterly business review');
        await dialog.getByRole('combobox', { name: 'Type' }).click();
        await page.getByRole('option', { name: 'QBR', exact: true }).click();
        await dialog.getByRole('combobox', { name: 'Participants' }).click();
        await page.getByRole('option', { name: colleague.name, exact: true }).click();
        await page.keyboard.press('Escape'); // closes the participants list, not the dialog
        await dialog.getByRole('button', { name: 'Log touchpoint' }).click();
        await dialog.waitFor({ state: 'detached' });

        await page
          .getByText(`QBR logged: Quarterly business review with ${colleague.name}`)
          .first()
          .waitFor();
        const tps = await server.api<{
          data: Array<{
            subject: string;
            typeLabel: string;
            userParticipants: Array<{ id: string }>;
          }>;
        }>('GET', `/api/v1/accounts/${account.id}/touchpoints`);
        const tp = tps.data.find((t) => t.subject === 'Quarterly business review')!;
        assert.equal(tp.typeLabel, 'QBR');
        assert.deepEqual(
          tp.userParticipants.map((u) => u.id),
          [colleague.id],
        );
        assert.deepEqual(errors, []);
      },
    ));
});
