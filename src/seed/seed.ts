import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { workspaces } from '../db/schema/index.ts';
import { createWorkspace } from '../workspaces/create-workspace.ts';
import { createApiToken } from '../auth/tokens.ts';

export type SeedResult = { email: string; password: string | null };

/** First start: seed the demo workspace only when the database has no workspace at all. */
export async function seedIfEmpty(deps: Deps): Promise<SeedResult | null> {
  const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(workspaces);
  if ((row?.n ?? 0) > 0) return null;
  return seedDemo(deps);
}

export async function seedDemo(deps: Deps): Promise<SeedResult> {
  const email = deps.config.PLAYMAKER_ADMIN_EMAIL ?? 'admin@playmaker.test';
  const password = deps.config.PLAYMAKER_ADMIN_PASSWORD ?? randomBytes(9).toString('base64url');
  const { admin } = await createWorkspace(deps.db, { name: 'Demo', admin: { email, name: 'Ada Admin', password } });
  if (deps.config.PLAYMAKER_ADMIN_TOKEN) {
    await createApiToken(deps.db, { workspaceId: admin.workspaceId, userId: admin.id }, 'automation', deps.config.PLAYMAKER_ADMIN_TOKEN);
  }
  return { email, password };
}
