// What a backup archive holds, written by `playmaker backup` and checked by `playmaker restore`.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const manifestSchema = z.object({
  format: z.literal('playmaker-backup'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  /** Which database the dump is of: a PGlite data-dir dump, or a pg_dump custom-format archive. */
  database: z.enum(['pglite', 'postgres']),
  /** The newest migration applied when the backup was made. */
  migration: z.string(),
  /** sha256 of the secret key the sealed credentials need (first 16 hex digits), to warn on a mismatch. */
  secretKeyFingerprint: z.string(),
  /** True when secret.key is in the archive (embedded mode keeps it in the data dir). */
  includesSecretKey: z.boolean(),
  files: z.number().int(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Names inside the archive. */
export const entry = {
  manifest: 'manifest.json',
  pglite: 'database/pgdata.tar.gz',
  postgres: 'database/postgres.dump',
  files: 'files',
  secretKey: 'secret.key',
};

export const keyFingerprint = (key: Buffer) =>
  createHash('sha256').update(key).digest('hex').slice(0, 16);
