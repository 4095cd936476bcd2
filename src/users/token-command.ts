import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import { users } from '../db/schema/index.ts';
import { createApiToken } from '../auth/tokens.ts';

export const tokenUsage = 'token create --email <e> --name <n>';

/**
 * `playmaker token create`: mints a personal API token for an enabled user (automation, first
 * integration setup) and returns the raw value, which is shown this once.
 */
export async function runTokenCommand(deps: Pick<Deps, 'db'>, args: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { email: { type: 'string' }, name: { type: 'string' } },
  });
  if (
    positionals[0] !== 'create' ||
    positionals.length !== 1 ||
    !values.email ||
    !values.name?.trim()
  ) {
    throw new Error(`usage: playmaker ${tokenUsage}`);
  }
  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${values.email.trim()})`);
  if (!user) throw new Error(`No user with e-mail ${values.email}.`);
  if (!user.enabled) throw new Error(`${values.email} is disabled; enable the user first.`);
  const created = await createApiToken(
    deps.db,
    { workspaceId: user.workspaceId, userId: user.id },
    values.name.trim().slice(0, 100),
  );
  return created.token;
}
