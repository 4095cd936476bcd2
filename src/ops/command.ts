// The CLI side of backup and restore: argument check and what the operator is told.
import type { Config } from '../config.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';

export async function runBackupCommand(
  config: Config,
  command: 'backup' | 'restore',
  args: string[],
) {
  const file = args[0];
  if (!file || args.length > 1) throw new Error(`usage: playmaker ${command} <file>`);
  if (command === 'backup') {
    const m = await backup(config, file);
    console.log(
      `backup written to ${file}: ${m.database} database at ${m.migration}, ${m.files} attachment file(s)${m.includesSecretKey ? ', the secret key' : ''}`,
    );
    if (!m.includesSecretKey)
      console.log(
        `the secret key is not in the archive: keep PLAYMAKER_SECRET_KEY (fingerprint ${m.secretKeyFingerprint}) with it`,
      );
    return;
  }
  const { manifest, warnings } = await restore(config, file);
  console.log(
    `restored ${file} (made ${manifest.createdAt}, ${manifest.database} at ${manifest.migration}) into ${config.DATABASE_URL ? 'DATABASE_URL' : config.dataDir}; start Playmaker to apply newer migrations`,
  );
  for (const w of warnings) console.warn(`warning: ${w}`);
}
