// A tab left open across an upgrade asks for code chunks of the build it started with, which are gone.
// The person gets one automatic reload onto the new build — and, if a chunk still cannot be loaded, a page
// in words with a Reload button inside the app's frame, never the router's developer error page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, withShot, type Server } from './harness.ts';

describe('a tab open across an upgrade', () => {
  let server: Server;
  let page: Page;
  browserSuite({ signIn: true }, (s) => {
    server = s.server;
    page = s.page;
  });

  it('reloads once onto the new build, then says so in words with a Reload button', () =>
    withShot(
      () => page,
      'app updated',
      async () => {
        await page.goto(`${server.baseUrl}/portfolio`);
        await page.getByRole('heading', { name: 'My Portfolio' }).waitFor();
        // The Segments screen's chunk is "gone", as after a deploy replaced the build.
        const gone = (url: URL) => /\/assets\/SegmentsPage-[^/]+\.js$/.test(url.pathname);
        await page.route(gone, (route) => route.fulfill({ status: 404, body: 'Not found' }));
        let loads = 0;
        page.on('load', () => loads++);

        await page.getByRole('link', { name: 'Segments', exact: true }).first().click();
        const updated = page.getByRole('heading', { name: 'Playmaker was updated' });
        await updated.waitFor();
        assert.equal(loads, 1, 'one automatic reload, then no loop');
        assert.equal(await page.getByText('Unexpected Application Error').count(), 0);
        // Still inside the app's frame: the navigation is there.
        await page.getByRole('link', { name: 'My Portfolio' }).first().waitFor();

        await page.unroute(gone);
        await page.getByRole('button', { name: 'Reload' }).click();
        await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
      },
    ));
});
