// Writes .br and .gz beside every text asset in web/dist, so the server sends them without
// compressing per request (@fastify/static's `preCompressed`).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const compressible = /\.(js|css|html|svg|json|txt|map)$/;

export function precompress(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      count += precompress(p);
      continue;
    }
    if (!compressible.test(entry.name) || statSync(p).size < 1024) continue;
    const body = readFileSync(p);
    writeFileSync(
      `${p}.br`,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
    count++;
  }
  return count;
}
