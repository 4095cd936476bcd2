// `npm run bench:web`: how much JavaScript the first screen (sign-in, then My Portfolio) downloads,
// compressed as sent and uncompressed, measured in Chromium against a freshly seeded server.
import type { Request } from 'playwright-core';
import { launchBrowser, login, newPage, startServer } from '../e2e/harness.ts';

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await newPage(browser, server.baseUrl);
    const scripts: Request[] = [];
    page.on('requestfinished', (r) => {
      if (r.resourceType() === 'script') scripts.push(r);
    });
    await login(page);
    await page.waitForLoadState('networkidle');
    let sent = 0;
    let plain = 0;
    for (const r of scripts) {
      sent += (await r.sizes()).responseBodySize;
      plain += (await (await r.response())!.body()).length;
    }
    console.log(
      `first screen: ${scripts.length} scripts, ${kb(sent)} sent (compressed), ${kb(plain)} uncompressed`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
