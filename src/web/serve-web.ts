// Serves the built React app (web/dist) on the API's own server and port, with SPA fallback.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../http/app-type.ts';
import { AppError, errors } from '../http/errors.ts';

/** Where `vite build` writes the app (see web/vite.config.ts). */
export const webDistDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../web/dist',
);

/** Registers the static files and the history-API fallback; a no-op when the app was never built. */
export async function webRoutes(app: App, opts: { distDir?: string } = {}): Promise<void> {
  const root = opts.distDir ?? webDistDir;
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  const indexHtml = readFileSync(indexFile);

  await app.register(fastifyStatic, {
    root,
    // Files are listed once at start-up so unknown paths fall through to the SPA route below.
    wildcard: false,
    index: false,
    // The build writes .br/.gz beside each asset (scripts/precompress.ts).
    preCompressed: true,
    setHeaders(reply, filePath) {
      // Vite fingerprints everything under assets/, so those can be cached for good.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header(
        'Cache-Control',
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    // Unknown API paths keep the API's error shape instead of getting the HTML shell.
    if (url === '/api' || url.startsWith('/api/') || url === '/metrics') {
      // A segment over the router's limit skips the API's :param routes and lands here: answer as the API would.
      if (url.split('/').some((s) => s.length > (app.initialConfig.maxParamLength ?? 100)))
        throw new AppError('uri_too_long', 'A part of the URL is too long.');
      throw errors.notFound(`GET ${url}`);
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(indexHtml);
  });
}
