// The web app is served on the API's port: built files with cache headers, the SPA shell for app paths,
// and the API's 404 (not the HTML shell) for unknown /api paths.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { App } from '../http/app.ts';
import { AppError } from '../http/errors.ts';
import { webRoutes } from './serve-web.ts';
import { precompress } from '../../scripts/precompress.ts';
import { brotliDecompressSync } from 'node:zlib';

describe('web app serving', () => {
  let dir: string;
  let app: App;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pm-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(
      path.join(dir, 'assets', 'big-abc.js'),
      `export const words = ${JSON.stringify('playmaker '.repeat(500))};`,
    );
    precompress(dir);
    app = Fastify() as unknown as App;
    app.setErrorHandler((err, _req, reply) => {
      const e = err instanceof AppError ? err : new AppError('internal', 'x');
      void reply.status(e.status).send(e.toBody());
    });
    await webRoutes(app, { distDir: dir });
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves fingerprinted assets with a long cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers['cache-control']), /immutable/);
  });

  it('sends the precompressed asset to browsers that accept it, the plain file to others', async () => {
    const br = await app.inject({
      method: 'GET',
      url: '/assets/big-abc.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.rawPayload.length < 1000, `compressed ${br.rawPayload.length} bytes`);
    assert.match(brotliDecompressSync(br.rawPayload).toString(), /^export const words/);
    const plain = await app.inject({
      method: 'GET',
      url: '/assets/big-abc.js',
      headers: { 'accept-encoding': 'identity' },
    });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.body, /^export const words/);
  });

  it('answers app paths (deep links) with the HTML shell, never cached', async () => {
    for (const url of ['/', '/portfolio', '/accounts/123?tab=work', '/tasks/abc/form']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.match(res.body, /id="root"/);
    }
  });

  it('keeps the API error shape for unknown API paths', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
    // An over-long id skips the API's :param routes and reaches the fallback: still the API's 414.
    const long = await app.inject({ method: 'GET', url: `/api/v1/accounts/${'a'.repeat(500)}` });
    assert.equal(long.statusCode, 414);
    assert.equal(long.json().error.code, 'uri_too_long');
  });

  it('registers nothing when the app was never built', async () => {
    const bare = Fastify() as unknown as App;
    await webRoutes(bare, { distDir: path.join(dir, 'missing') });
    assert.equal((await bare.inject({ method: 'GET', url: '/portfolio' })).statusCode, 404);
    await bare.close();
  });
});
