// The calendar feed from the account menu: turn it on, copy the address once, and a calendar app
// reading that address gets my open tasks; turning it off kills the address.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, newPage, startServer, withShot, type Server } from './harness.ts';

describe('calendar feed in the browser', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, errors } = await newPage(browser, server.baseUrl));
    await login(page);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('turns the feed on, shows its address once, and the address serves my open tasks', () => withShot(() => page, 'calendar feed', async () => {
    const mine = await server.api<{ data: Array<{ title: string }> }>('GET', '/api/v1/me/work?status=open&limit=1');
    const firstTask = mine.data[0]!.title;
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Calendar feed…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Calendar feed' });
    await dialog.getByText('Your feed is off.').waitFor();
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    const address = await dialog.getByRole('textbox', { name: 'Your feed address (shown only now)' }).inputValue();
    assert.match(address, /\/calendar\/pmc_[\w-]{43}\.ics$/);
    const ics = await (await fetch(new URL(new URL(address).pathname, server.baseUrl))).text();
    assert.match(ics, /^BEGIN:VCALENDAR/);
    assert.ok(ics.replace(/\r\n[ \t]/g, '').includes(`SUMMARY:${firstTask.replace(/([,;])/g, '\\$1')}`), `the feed lists "${firstTask}"`);

    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await dialog.getByText('Your feed is off.').waitFor();
    assert.equal((await fetch(new URL(new URL(address).pathname, server.baseUrl))).status, 404);
    assert.deepEqual(errors, []);
  }));
});
