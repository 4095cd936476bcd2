// Builds the web app (vite build → web/dist, then .br/.gz beside each asset) only when web/dist is missing or older than a source file.
// Runs before `npm start` (prestart) and as `npm run build:web`; `--force` always rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'web');
const distIndex = path.join(webDir, 'dist', 'index.html');

/** Newest modification time of any file under dir, skipping build output and dependencies. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  return newestMtime(webDir) > statSync(distIndex).mtimeMs;
}

function main() {
  if (!existsSync(webDir)) return;
  if (!process.argv.includes('--force') && !webBuildIsStale()) {
    console.log('web app is up to date (web/dist)');
    return;
  }
  console.log('building the web app (vite build)…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(webDir, 'vite.config.ts')],
    { stdio: 'inherit', cwd: root },
  );
  if (r.status !== 0) {
    console.error('web build failed');
    process.exit(r.status ?? 1);
  }
  console.log(`precompressed ${precompress(path.join(webDir, 'dist'))} assets (brotli, gzip)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
