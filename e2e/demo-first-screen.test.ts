// The demo's first screen (issue 9): the admin lands on My Portfolio with a "What to try next" card
// whose links open the demo's plays already at work; dismissing it is remembered after a reload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';

describe('the demo first screen', () => {
  let server: Server;
  let page: Page;
  browserSuite({ signIn: true }, (s) => {
    server = s.server;
    page = s.page;
  });

  it('says what to try next, and its first link shows the renewal play at work', () =>
    withShot(
      () => page,
      'demo first screen',
      async () => {
        await page.goto(`${server.baseUrl}/`);
        const card = page.getByRole('region', { name: 'What to try next' });
        await card.waitFor();
        const links = card.getByRole('link');
        await links.first().waitFor();
        const count = await links.count();
        assert.ok(count >= 3 && count <= 5, `${count} links`);
        await links.first().click();
        await page.waitForURL(/\/plays\/[0-9a-f-]+\?tab=runs$/);
        await page.getByRole('heading', { name: 'Renewal in 60 days → renewal call' }).waitFor();
        // The play fired when enabled: a run that reached accounts, with a result per account.
        const runs = page.getByRole('table', { name: 'Runs' });
        await runs.getByText('Enabled', { exact: true }).waitFor();
        await runs.getByRole('button').first().click();
        const results = page.getByRole('table', { name: 'Run results' });
        await results.getByRole('row').nth(1).waitFor();
      },
    ));

  it('stays dismissed for this user after a reload', () =>
    withShot(
      () => page,
      'demo first screen dismissed',
      async () => {
        await page.goto(`${server.baseUrl}/portfolio`);
        const card = page.getByRole('region', { name: 'What to try next' });
        await card.waitFor();
        await page.getByRole('button', { name: 'Dismiss “What to try next”' }).click();
        await card.waitFor({ state: 'detached' });
        await page.reload();
        await page.getByRole('tab', { name: 'Work' }).waitFor();
        await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
        await page.waitForLoadState('networkidle');
        assert.equal(await card.count(), 0);
      },
    ));
});
