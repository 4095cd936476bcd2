import { buffer } from 'node:stream/consumers';
import type { Config } from '../config.ts';
import { createS3FileStore } from './s3-store.ts';
import { createDiskFileStore, type FileStore } from './store.ts';

export const filesUsage = 'files migrate --to s3|disk [--delete-source]';

export type MigrateCounts = { copied: number; skipped: number; deleted: number };

/**
 * Copies every stored object from one store to the other under the same key (the database keeps
 * pointing at it). Idempotent: keys already in the target are skipped. The source stays unless asked.
 */
export async function migrateFiles(
  from: FileStore,
  to: FileStore,
  opts: { deleteSource: boolean },
): Promise<MigrateCounts> {
  const counts: MigrateCounts = { copied: 0, skipped: 0, deleted: 0 };
  for await (const key of from.keys()) {
    if (await to.has(key)) counts.skipped++;
    else {
      const stream = await from.get(key);
      if (!stream) continue; // removed since it was listed
      await to.write(key, await buffer(stream));
      counts.copied++;
    }
    if (opts.deleteSource) {
      await from.remove(key);
      counts.deleted++;
    }
  }
  return counts;
}

/** `playmaker files migrate --to s3|disk [--delete-source]`: needs the PLAYMAKER_S3_* settings either way. */
export async function runFilesCommand(config: Config, args: string[]): Promise<string> {
  const to = args[0] === 'migrate' && args[1] === '--to' ? args[2] : undefined;
  const rest = args.slice(3);
  if ((to !== 's3' && to !== 'disk') || rest.some((a) => a !== '--delete-source'))
    throw new Error(`usage: playmaker ${filesUsage}`);
  const disk = createDiskFileStore(config.dataDir);
  const bucket = createS3FileStore(config);
  try {
    const [from, target] = to === 's3' ? [disk, bucket] : [bucket, disk];
    const c = await migrateFiles(from, target, { deleteSource: rest.includes('--delete-source') });
    const where = to === 's3' ? `bucket ${bucket.bucket}` : `${config.dataDir}/files`;
    return `copied ${c.copied}, skipped ${c.skipped} already in ${where}${c.deleted ? `, deleted ${c.deleted} from the source` : ''}`;
  } finally {
    bucket.client.destroy();
  }
}
