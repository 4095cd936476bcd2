// Accounts → Import CSV in Chromium: a file of 2,000 accounts (three bad rows) is parsed and checked in the browser,
// previewed with its counts, written through POST /api/v1/accounts/bulk in chunks (a child before its parent in the
// file lands after it; a row the server refuses is rejected with the server's reason while the rest is written),
// the rejected rows download with a `reason` column, and the same header opens with the mapping filled in.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { browserSuite, seriousA11yViolations, withShot, type Server } from './harness.ts';

const ROWS = 2000;
const id = (i: number) => `CSV-${String(i).padStart(5, '0')}`;

function accountsCsv(): Buffer {
  const lines = ['External ID,Name,Stage,Revenue,Parent,Tags'];
  for (let i = 1; i <= ROWS; i++) {
    // Row 5 names a parent that comes 1,500 rows later (another chunk); rows 7, 8 and 9 are bad.
    const parent = i === 5 ? id(1505) : i === 9 ? 'NO-SUCH-PARENT' : '';
    const name = i === 7 ? '' : `"Import, Account ${i}"`;
    const revenue = i === 8 ? 'lots' : String(i * 10);
    lines.push([id(i), name, 'onboarding', revenue, parent, 'csv;import'].join(','));
  }
  return Buffer.from(lines.join('\n'));
}

describe('CSV import in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  browserSuite(
    {
      signIn: true,
      setup: async (server) => {
        await server.api('POST', '/api/v1/attribute-definitions', {
          entity: 'account',
          key: 'import_revenue',
          label: 'Import revenue',
          type: 'number',
        });
      },
    },
    (s) => {
      ({ server, page, errors } = s);
    },
  );

  async function openWithFile(buffer: Buffer, entity?: 'Contacts') {
    await page.goto(`${server.baseUrl}/accounts`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import CSV' });
    if (entity)
      await dialog.getByRole('combobox', { name: 'Import' }).selectOption({ label: entity });
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer });
    await dialog.getByRole('table', { name: 'Column mapping' }).waitFor();
    return dialog;
  }

  it('previews, imports with rejected rows, and downloads their reasons', () =>
    withShot(
      () => page,
      'csv import',
      async () => {
        const dialog = await openWithFile(accountsCsv());
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Field for column External ID' }).inputValue(),
          'externalId',
        );
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Field for column Parent' }).inputValue(),
          'parentExternalId',
        );
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Field for column Revenue' }).inputValue(),
          '',
        );
        await dialog
          .getByRole('combobox', { name: 'Field for column Revenue' })
          .selectOption({ label: 'Attribute: Import revenue' });
        assert.deepEqual(await seriousA11yViolations(page), []);
        await dialog.getByRole('button', { name: 'Check rows' }).click();

        await dialog.getByText(`1,998 rows ready to import · 2 rejected`).waitFor();
        await dialog.getByText('Line 8: name is required').waitFor();
        await dialog.getByText('Line 9: Import revenue must be a number').waitFor();
        const preview = dialog.getByRole('table', { name: 'Rows as they will be written' });
        await preview.getByRole('cell', { name: 'Import, Account 1', exact: true }).waitFor();

        await dialog.getByRole('button', { name: 'Import 1,998 rows' }).click();
        await dialog
          .getByText('1,997 imported (1,997 created, 0 updated, 0 unchanged) · 3 rejected')
          .waitFor({ timeout: 120_000 });

        assert.deepEqual(await seriousA11yViolations(page), []);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('button', { name: 'Download rejected rows' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'accounts-rejected.csv');
        const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
        const lines = text.trim().split(/\r?\n/);
        assert.equal(lines[0], 'External ID,Name,Stage,Revenue,Parent,Tags,reason');
        assert.equal(lines.length, 4);
        assert.match(lines[1]!, /^CSV-00007,,onboarding,70,,csv;import,name is required$/);
        assert.match(
          lines[2]!,
          /^CSV-00008,"Import, Account 8",onboarding,lots,,csv;import,Import revenue must be a number$/,
        );
        assert.match(
          lines[3]!,
          /^CSV-00009,"Import, Account 9",onboarding,90,NO-SUCH-PARENT,csv;import,parent external id: no such account$/,
        );

        type Account = {
          id: string;
          externalId: string;
          name: string;
          lifecycleStage: string | null;
          tags: string[];
          attributes: Record<string, unknown>;
          parentId?: string | null;
        };
        const find = async (ext: string) =>
          (
            await server.api<{ data: Account[] }>('GET', `/api/v1/accounts?q=${ext}&limit=5`)
          ).data.filter((a) => a.externalId === ext);
        const [a10] = await find(id(10));
        assert.deepEqual(
          {
            name: a10?.name,
            stage: a10?.lifecycleStage,
            tags: a10?.tags,
            arr: a10?.attributes.import_revenue,
          },
          { name: 'Import, Account 10', stage: 'onboarding', tags: ['csv', 'import'], arr: 100 },
        );
        const [child] = await find(id(5));
        const [parent] = await find(id(1505));
        assert.ok(parent, 'the parent from a later chunk exists');
        const full = await server.api<Account>('GET', `/api/v1/accounts/${child!.id}`);
        assert.equal(full.parentId, parent.id);
        for (const bad of [7, 8, 9]) assert.deepEqual(await find(id(bad)), []);
        assert.equal((await find(id(ROWS))).length, 1);

        await dialog.getByRole('button', { name: 'Done' }).click();
        await dialog.waitFor({ state: 'hidden' });
        assert.deepEqual(errors, []);
      },
    ));

  it('fills in the mapping used last time for the same header', () =>
    withShot(
      () => page,
      'csv import remembered',
      async () => {
        const csv = Buffer.from(
          'External ID,Name,Stage,Revenue,Parent,Tags\nCSV-00010,Renamed Account 10,,1234,,\n',
        );
        const dialog = await openWithFile(csv);
        await dialog
          .getByText('The mapping you used for these columns last time is filled in.')
          .waitFor();
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Field for column Revenue' }).inputValue(),
          'attr:import_revenue',
        );
        await dialog.getByRole('button', { name: 'Check rows' }).click();
        await dialog.getByText('1 rows ready to import · 0 rejected').waitFor();
        await dialog.getByRole('button', { name: 'Import 1 rows' }).click();
        await dialog
          .getByText('1 imported (0 created, 1 updated, 0 unchanged) · 0 rejected')
          .waitFor();
        const a = (
          await server.api<{
            data: Array<{ externalId: string; name: string; attributes: Record<string, unknown> }>;
          }>('GET', '/api/v1/accounts?q=CSV-00010')
        ).data.find((x) => x.externalId === 'CSV-00010');
        assert.deepEqual(
          { name: a?.name, arr: a?.attributes.import_revenue },
          { name: 'Renamed Account 10', arr: 1234 },
        );
        assert.deepEqual(errors, []);
      },
    ));

  it('imports contacts onto accounts by external id', () =>
    withShot(
      () => page,
      'csv import contacts',
      async () => {
        const csv = Buffer.from(
          'External ID,Account,First name,Last name,E-mail\nCT-1,CSV-00010,Ada,Lovelace,ada@example.com\nCT-2,NO-SUCH-ACCOUNT,Bob,Smith,\nCT-3,CSV-00010,Cy,Bad,not-an-address\n',
        );
        const dialog = await openWithFile(csv, 'Contacts');
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Field for column Account' }).inputValue(),
          'accountExternalId',
        );
        await dialog.getByRole('button', { name: 'Check rows' }).click();
        await dialog.getByText('2 rows ready to import · 1 rejected').waitFor();
        await dialog.getByRole('button', { name: 'Import 2 rows' }).click();
        await dialog
          .getByText('1 imported (1 created, 0 updated, 0 unchanged) · 2 rejected')
          .waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          dialog.getByRole('button', { name: 'Download rejected rows' }).click(),
        ]);
        const lines = readFileSync((await download.path())!, 'utf8')
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r?\n/);
        assert.deepEqual(lines.slice(1), [
          'CT-2,NO-SUCH-ACCOUNT,Bob,Smith,,account external id: no such account',
          'CT-3,CSV-00010,Cy,Bad,not-an-address,e-mail is not a valid address',
        ]);
        const account = (
          await server.api<{ data: Array<{ id: string; externalId: string }> }>(
            'GET',
            '/api/v1/accounts?q=CSV-00010',
          )
        ).data.find((a) => a.externalId === 'CSV-00010')!;
        const contacts = await server.api<{
          data: Array<{ firstName: string; lastName: string; email: string | null }>;
        }>('GET', `/api/v1/accounts/${account.id}/contacts`);
        assert.deepEqual(
          contacts.data.map((c) => [c.firstName, c.lastName, c.email]),
          [['Ada', 'Lovelace', 'ada@example.com']],
        );
        assert.deepEqual(errors, []);
      },
    ));
});
