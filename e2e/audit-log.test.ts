// Settings → Audit log: an admin action taken through the API shows up in words, with who did it, and the export link follows the filters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';

describe('audit log in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  browserSuite({ signIn: true }, (s) => {
    ({ server, page, errors } = s);
  });

  it('lists an admin action in words and filters it by action', () =>
    withShot(
      () => page,
      'audit log',
      async () => {
        const me = await server.api<{ name: string }>('GET', '/api/v1/me');
        await server.api('POST', '/api/v1/teams', { name: 'Audit Trail Team' });
        await page.goto(`${server.baseUrl}/settings?tab=audit`);
        const table = page.getByRole('table', { name: 'Audit log' });
        await table.getByText(`${me.name} created team “Audit Trail Team”`).waitFor();
        await page
          .getByRole('textbox', { name: 'Action' })
          .or(page.getByRole('combobox', { name: 'Action' }))
          .first()
          .click();
        await page.getByRole('option', { name: 'Team created' }).click();
        await table.getByText(`${me.name} created team “Audit Trail Team”`).waitFor();
        const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
        assert.match(href ?? '', /^\/api\/v1\/audit-events\/export\.csv\?kind=team\.created$/);
        assert.deepEqual(errors, []);
      },
    ));
});
