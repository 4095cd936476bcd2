import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { users } from '../db/schema/index.ts';
import { smsOptIn } from './sms-opt-in.ts';
import { requireRole } from '../auth/access.ts';
import { hashPassword } from '../auth/credentials.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import {
  checkManager,
  checkTeams,
  emailTaken,
  lockWorkspace,
  setTeamsOfUser,
  userDetail,
} from './queries.ts';
import type { CreateUserInput } from './schema.ts';

export const emailInUse = () => errors.conflict('This e-mail address is already in use.');

/** Admin adds a user; without a password the user cannot sign in until one is set (or SSO). */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput) {
  requireRole(actor, 'admin');
  const ws = actor.workspaceId;
  // Hash before the transaction: argon2 is slow on purpose and PGlite has one connection.
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await deps.db.transaction(async (tx) => {
      await lockWorkspace(tx, ws);
      if (await emailTaken(tx, input.email)) throw emailInUse();
      if (input.managerId) await checkManager(tx, ws, null, input.managerId, 'body.managerId');
      const teamIds = await checkTeams(tx, ws, input.teamIds ?? [], 'body.teamIds');
      const [row] = await tx
        .insert(users)
        .values({
          workspaceId: ws,
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          managerId: input.managerId ?? null,
          phone: input.phone || null,
          timeZone: input.timeZone ?? null,
          workingHours: input.workingHours ?? null,
          weeklyCapacityHours: input.weeklyCapacityHours ?? 40,
          attributes: input.attributes ?? {},
          emailNotifications: input.emailNotifications ?? true,
          smsNotifications: smsOptIn(input.phone || null, input.smsNotifications, false),
          createdAt: deps.clock.now(),
        })
        .returning();
      await setTeamsOfUser(tx, ws, row!.id, teamIds);
      await recordAudit(
        tx,
        actor,
        {
          kind: 'user.created',
          target: { type: 'user', id: row!.id, name: row!.name },
          changes: { email: row!.email, role: row!.role, teamIds },
        },
        deps.clock.now(),
      );
      return userDetail(tx, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailInUse();
    throw err;
  }
}
