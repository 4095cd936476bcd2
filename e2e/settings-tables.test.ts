// Settings lists in the browser (Users, Teams, Attributes, Forms share one table): each lists its rows,
// and a row's Delete — named for the row — asks first; "Keep it" keeps the row, confirming removes it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';

describe('settings tables in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];

  browserSuite({ signIn: true }, (s) => {
    ({ server, page, errors } = s);
  });

  /** Deletes the row named `name` from the table `table`, first keeping it once. */
  const deleteRow = async (table: string, name: string, what: string) => {
    const rows = page.getByRole('table', { name: table }).getByRole('row');
    const row = rows.filter({ hasText: name });
    await row.waitFor();
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    const ask = page.getByRole('dialog', { name: `Delete ${what} “${name}”?` });
    await ask.getByRole('button', { name: 'Keep it' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await row.count(), 1, `${name} is kept`);
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    await ask.getByRole('button', { name: `Delete ${what}` }).click();
    await row.waitFor({ state: 'detached' });
  };

  it('lists users, teams, attributes and forms; a row is deleted only once confirmed', () =>
    withShot(
      () => page,
      'settings-tables',
      async () => {
        const team = await server.api<{ id: string }>('POST', '/api/v1/teams', {
          name: 'Temporary tigers',
        });
        await server.api('POST', '/api/v1/attribute-definitions', {
          entity: 'account',
          key: 'temp_score',
          label: 'Temporary score',
          type: 'number',
        });

        await page.goto('/settings?tab=users');
        const users = page.getByRole('table', { name: 'Users' });
        await users.getByRole('row').filter({ hasText: 'e2e-admin@playmaker.test' }).waitFor();
        const header = await users.getByRole('columnheader').allInnerTexts();
        assert.deepEqual(header, ['Name', 'Role', 'Teams', 'Status', 'Actions']);

        await page.goto('/settings?tab=teams');
        await deleteRow('Teams', 'Temporary tigers', 'team');
        await assert.rejects(server.api('GET', `/api/v1/teams/${team.id}`), / 404 /);

        await page.goto('/settings?tab=attributes');
        await deleteRow('Attribute definitions', 'Temporary score', 'attribute');
        const defs = await server.api<{ data: Array<{ key: string }> }>(
          'GET',
          '/api/v1/attribute-definitions?entity=account',
        );
        assert.equal(
          defs.data.some((d) => d.key === 'temp_score'),
          false,
        );

        await page.goto('/settings?tab=forms');
        await page
          .getByRole('table', { name: 'Forms' })
          .or(page.getByText('No forms yet'))
          .waitFor();
        assert.deepEqual(errors, []);
      },
    ));
});
