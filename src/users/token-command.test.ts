import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { TestContext } from '../test/harness.ts';
import { bearer, oneWorkspace, type Seeded } from '../test/fixtures.ts';
import { users } from '../db/schema/index.ts';
import { runTokenCommand } from './token-command.ts';
import { openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';

const mainTs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

describe('playmaker token create', () => {
  let t: TestContext, w: Seeded;
  before(async () => ({ t, w } = await oneWorkspace()));
  after(() => t.close());

  it('mints a token that authenticates as that user', async () => {
    const token = await runTokenCommand(t.deps, [
      'create',
      '--email',
      'Advanced@W1.test',
      '--name',
      'ci',
    ]);
    assert.match(token, /^pmk_/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().id, w.users.advanced.id);
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(token) })
    ).json();
    assert.ok(listed.data.some((x: { name: string }) => x.name === 'ci'));
  });

  it('refuses unknown or disabled users and bad arguments', async () => {
    await assert.rejects(
      runTokenCommand(t.deps, ['create', '--email', 'nobody@w1.test', '--name', 'x']),
      /No user/,
    );
    await t.deps.db.update(users).set({ enabled: false }).where(eq(users.id, w.users.standardB.id));
    await assert.rejects(
      runTokenCommand(t.deps, ['create', '--email', 'standardb@w1.test', '--name', 'x']),
      /disabled/,
    );
    await assert.rejects(runTokenCommand(t.deps, ['create', '--email', 'admin@w1.test']), /usage/);
    await assert.rejects(
      runTokenCommand(t.deps, ['revoke', '--email', 'admin@w1.test', '--name', 'x']),
      /usage/,
    );
  });

  it('runs from the command line against the configured database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pm-cli-'));
    try {
      // PostgreSQL: the test's own database. PGlite: a data directory prepared here, then opened by the CLI.
      const url = (t.database as { url?: string }).url;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PLAYMAKER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
      };
      if (url) env.DATABASE_URL = url;
      else delete env.DATABASE_URL;
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [mainTs, ...args], { env, encoding: 'utf8', timeout: 120_000 });
      const email = url ? 'admin@w1.test' : 'cli@example.test';
      if (!url) {
        const disk = await openDatabase({ dataDir });
        await runMigrations(disk);
        await createWorkspace(disk.db, {
          name: 'CLI',
          admin: { email: 'cli@example.test', name: 'Cli' },
        });
        await disk.close();
      }
      const ok = run('token', 'create', '--email', email, '--name', 'from cli');
      assert.equal(ok.status, 0, ok.stderr);
      const token = ok.stdout.trim();
      assert.match(token, /^pmk_[A-Za-z0-9_-]{40,}$/);
      if (url)
        assert.equal(
          (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()
            .email,
          'admin@w1.test',
        );
      const bad = run('token', 'create', '--email', 'ghost@example.test', '--name', 'x');
      assert.notEqual(bad.status, 0);
      assert.match(bad.stderr, /No user/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
