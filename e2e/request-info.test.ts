// Request information in a real browser: send a form request from an account page, open it from My Portfolio,
// fill the form, and see the account's attributes written and the task completed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, login, withShot, type Server } from './harness.ts';
import { lookups } from './fixtures.ts';

describe('request information in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({}, (s) => {
    ({ server, page, errors } = s);
  });

  it('sends a request, fills the form, and writes the attributes', () =>
    withShot(
      () => page,
      'request-info',
      async () => {
        const data = await lookups(server);
        const account = data.accounts.find((a) => a.accountType === 'customer')!;
        await login(page);
        await page.goto(`/accounts/${account.id}`);
        await page.getByRole('heading', { name: account.name }).waitFor();
        await page.getByRole('button', { name: 'Request information' }).click();
        const dialog = page.getByRole('dialog', { name: 'Request information' });
        // Only forms for the account's type are offered: the partner form is not.
        await dialog.getByRole('combobox', { name: 'Form' }).click();
        await page.getByRole('option', { name: 'Customer health check' }).waitFor();
        assert.equal(await page.getByRole('option', { name: 'Partner review' }).count(), 0);
        await page.getByRole('option', { name: 'Customer health check' }).click();
        await dialog.getByRole('combobox', { name: 'Assign to' }).fill('Ada');
        await page.getByRole('option', { name: 'Ada Admin' }).click();
        await dialog
          .getByRole('textbox', { name: 'Message to the assignee' })
          .fill('Please check the health before the QBR.');
        await dialog.getByRole('button', { name: 'Send' }).click();
        await dialog.waitFor({ state: 'detached' });

        await page.goto('/portfolio');
        const fill = page.getByRole('link', { name: /Fill in the form for/ }).first();
        await fill.click();
        await page.getByRole('heading', { name: 'Customer health check' }).waitFor();
        await page.getByText('Please check the health before the QBR.').waitFor();
        // The required field is enforced before anything is sent.
        await page.getByRole('combobox', { name: 'How healthy is the account?' }).click();
        await page.getByRole('option', { name: 'average' }).click();
        await page.getByRole('textbox', { name: 'Latest NPS' }).fill('42');
        await page.getByRole('button', { name: 'Submit' }).click();
        await page.getByRole('heading', { name: account.name }).waitFor();

        const after = await server.api<{ attributes: Record<string, unknown> }>(
          'GET',
          `/api/v1/accounts/${account.id}`,
        );
        assert.equal(after.attributes.health, 'average');
        assert.equal(after.attributes.nps, 42);
        const work = await server.api<{ data: Array<{ kind: string; status: string }> }>(
          'GET',
          `/api/v1/accounts/${account.id}/work?status=completed`,
        );
        assert.ok(work.data.some((t) => t.kind === 'request_info' && t.status === 'completed'));
        assert.deepEqual(errors, []);
      },
    ));
});
