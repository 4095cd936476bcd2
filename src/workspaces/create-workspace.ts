import type { DbOrTx } from '../db/client.ts';
import { users, workspaces } from '../db/schema/index.ts';
import { hashPassword } from '../auth/credentials.ts';

/** Creates a workspace with its first admin (used by first start, the seed and tests). */
export async function createWorkspace(
  db: DbOrTx,
  input: {
    name: string;
    timeZone?: string;
    admin: { email: string; name: string; password?: string };
  },
) {
  const [workspace] = await db
    .insert(workspaces)
    .values({ name: input.name, timeZone: input.timeZone ?? 'UTC' })
    .returning();
  const [admin] = await db
    .insert(users)
    .values({
      workspaceId: workspace!.id,
      email: input.admin.email,
      name: input.admin.name,
      role: 'admin',
      passwordHash: input.admin.password ? await hashPassword(input.admin.password) : null,
    })
    .returning();
  return { workspace: workspace!, admin: admin! };
}
