import { and, eq, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { diffOf } from '../audit/events.ts';
import { sessions, users } from '../db/schema/index.ts';
import { hashPassword, verifyPassword } from '../auth/credentials.ts';
import { errors } from '../http/errors.ts';
import { isUniqueViolation } from '../workspaces/db-errors.ts';
import { emailInUse } from './create-user.ts';
import {
  checkManager,
  checkTeams,
  emailTaken,
  enabledAdminsOtherThan,
  loadUser,
  lockWorkspace,
  setTeamsOfUser,
  userDetail,
} from './queries.ts';
import { smsOptIn } from './sms-opt-in.ts';
import { SELF_EDITABLE, type UpdateUserInput } from './schema.ts';

const AUDITED_FIELDS = [
  'name',
  'email',
  'role',
  'managerId',
  'phone',
  'timeZone',
  'workingHours',
  'weeklyCapacityHours',
  'attributes',
  'emailNotifications',
  'smsNotifications',
  'teamIds',
];

/**
 * Admins edit anyone; other users edit only their own name, phone, time zone, e-mail and SMS preferences,
 * working hours, weekly capacity and password (the password only with the current one). A password change ends the user's other sessions.
 */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateUserInput,
  opts: { keepSessionHash?: string } = {},
) {
  const ws = actor.workspaceId;
  const current = await loadUser(deps.db, ws, id);
  const self = actor.userId === id;
  if (actor.role !== 'admin') {
    if (!self) throw errors.forbidden('Only an admin can edit other users.');
    const denied = Object.keys(input).filter(
      (k) =>
        input[k as keyof UpdateUserInput] !== undefined &&
        !(SELF_EDITABLE as readonly string[]).includes(k),
    );
    if (denied.length) throw errors.forbidden(`Only an admin can change: ${denied.join(', ')}.`);
  }
  if (input.password !== undefined && self && current.passwordHash) {
    if (
      !input.currentPassword ||
      !(await verifyPassword(current.passwordHash, input.currentPassword))
    ) {
      throw errors.field('body.currentPassword', 'the current password is wrong');
    }
  }
  const passwordHash =
    input.password !== undefined ? await hashPassword(input.password) : undefined;
  try {
    return await deps.db.transaction(async (tx) => {
      await lockWorkspace(tx, ws);
      const row = await loadUser(tx, ws, id);
      const before = await userDetail(tx, row);
      if (
        input.email !== undefined &&
        input.email !== row.email.toLowerCase() &&
        (await emailTaken(tx, input.email, id))
      )
        throw emailInUse();
      if (
        input.role !== undefined &&
        input.role !== 'admin' &&
        row.role === 'admin' &&
        row.enabled &&
        (await enabledAdminsOtherThan(tx, ws, id)) === 0
      ) {
        throw errors.unprocessable(
          'The workspace needs at least one enabled admin; make someone else admin first.',
        );
      }
      if (input.managerId) await checkManager(tx, ws, id, input.managerId, 'body.managerId');
      const teamIds = input.teamIds
        ? await checkTeams(tx, ws, input.teamIds, 'body.teamIds')
        : undefined;
      const phone = input.phone === undefined ? row.phone : input.phone || null;
      const sms = smsOptIn(phone, input.smsNotifications, row.smsNotifications);
      const changes = Object.fromEntries(
        Object.entries({
          name: input.name,
          email: input.email,
          role: input.role,
          passwordHash,
          managerId: input.managerId,
          phone: input.phone === undefined ? undefined : input.phone || null,
          timeZone: input.timeZone,
          workingHours: input.workingHours,
          weeklyCapacityHours: input.weeklyCapacityHours,
          attributes: input.attributes,
          emailNotifications: input.emailNotifications,
          smsNotifications: sms === row.smsNotifications ? undefined : sms,
        }).filter(([, v]) => v !== undefined),
      ) as Partial<typeof users.$inferInsert>;
      const [updated] =
        Object.keys(changes).length === 0
          ? [row]
          : await tx
              .update(users)
              .set(changes)
              .where(and(eq(users.id, id), eq(users.workspaceId, ws)))
              .returning();
      if (teamIds) await setTeamsOfUser(tx, ws, id, teamIds);
      if (passwordHash !== undefined) {
        // Whoever knew the old password may hold a session: end them all but the caller's own.
        await tx
          .delete(sessions)
          .where(
            and(
              eq(sessions.userId, id),
              opts.keepSessionHash && self ? ne(sessions.idHash, opts.keepSessionHash) : undefined,
            ),
          );
      }
      const after = await userDetail(tx, updated!);
      const diff = diffOf<Record<string, unknown>>(before, after, AUDITED_FIELDS);
      if (passwordHash !== undefined) diff.password = { before: '[redacted]', after: '[redacted]' };
      if (Object.keys(diff).length) {
        await recordAudit(
          tx,
          actor,
          {
            kind: 'user.updated',
            target: { type: 'user', id, name: updated!.name },
            changes: diff,
          },
          deps.clock.now(),
        );
      }
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailInUse();
    throw err;
  }
}
