// The calendar feed from the account menu: turn it on, copy the address once, and a calendar app
// reading that address gets my open tasks; turning it off kills the address. The daily digest is chosen there too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';

describe('calendar feed and daily digest in the browser', () => {
  let server: Server;
  let page: Page;
  let errors: string[];
  browserSuite({ signIn: true }, (s) => {
    ({ server, page, errors } = s);
  });

  it('turns the feed on, shows its address once, and the address serves my open tasks', () =>
    withShot(
      () => page,
      'calendar feed',
      async () => {
        const mine = await server.api<{ data: Array<{ title: string }> }>(
          'GET',
          '/api/v1/me/work?status=open&limit=1',
        );
        const firstTask = mine.data[0]!.title;
        await page.getByRole('button', { name: /account menu/ }).click();
        await page.getByRole('menuitem', { name: 'Calendar feed…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Calendar feed' });
        await dialog.getByText('Your feed is off.').waitFor();
        await dialog.getByRole('button', { name: 'Turn on' }).click();
        const address = await dialog
          .getByRole('textbox', { name: 'Your feed address (shown only now)' })
          .inputValue();
        assert.match(address, /\/calendar\/pmc_[\w-]{43}\.ics$/);
        const ics = await (await fetch(new URL(new URL(address).pathname, server.baseUrl))).text();
        assert.match(ics, /^BEGIN:VCALENDAR/);
        assert.ok(
          ics.replace(/\r\n[ \t]/g, '').includes(`SUMMARY:${firstTask.replace(/([,;])/g, '\\$1')}`),
          `the feed lists "${firstTask}"`,
        );

        await dialog.getByRole('button', { name: 'Turn off' }).click();
        await dialog.getByText('Your feed is off.').waitFor();
        assert.equal((await fetch(new URL(new URL(address).pathname, server.baseUrl))).status, 404);
        assert.deepEqual(errors, []);
      },
    ));

  it('turns the daily digest on at a chosen hour', () =>
    withShot(
      () => page,
      'daily digest',
      async () => {
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: /account menu/ }).click();
        await page.getByRole('menuitem', { name: 'Daily digest…' }).click();
        const dialog = page.getByRole('dialog', { name: 'Daily digest' });
        await dialog
          .getByRole('textbox', { name: 'Send at' })
          .or(dialog.getByRole('combobox', { name: 'Send at' }))
          .first()
          .click();
        await dialog.getByRole('option', { name: '07:00' }).click();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByText('Daily digest at 07:00').waitFor();
        assert.deepEqual(await server.api('GET', '/api/v1/me/digest'), { hour: 7 });
        assert.deepEqual(errors, []);
      },
    ));
});
