import { z } from 'zod';
import { timeZoneSchema } from '../workspaces/time-zone.ts';

export const roleSchema = z.enum(['admin', 'advanced', 'standard']);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour clock)');

/** Working days (0 = Sunday … 6 = Saturday) and daily hours, used by team pools' next-available rule. */
export const workingHoursSchema = z
  .strictObject({
    days: z
      .array(z.number().int().min(0).max(6))
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'days must not repeat'),
    start: hhmm,
    end: hhmm,
  })
  .refine((w) => w.start < w.end, { message: 'end must be after start', path: ['end'] });

/** Profile attributes matched by team pools (region, language…): flat, small, typed values only. */
export const profileAttributesSchema = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'keys are lower_snake_case'),
    z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)]),
  )
  .refine((o) => Object.keys(o).length <= 50, 'at most 50 attributes');

const name = z.string().trim().min(1).max(200);
const email = z.string().trim().toLowerCase().pipe(z.email().max(320));
const password = z.string().min(10, 'must be at least 10 characters').max(1024);
const phone = z
  .string()
  .trim()
  .max(50)
  .regex(/^[+0-9 ().-]*$/, 'digits, spaces, + ( ) . - only');
const teamIds = z.array(z.uuid()).max(200);

export const createUserBody = z.strictObject({
  name,
  email,
  role: roleSchema.default('standard'),
  password: password.nullable().optional(),
  managerId: z.uuid().nullable().optional(),
  teamIds: teamIds.optional(),
  phone: phone.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
  workingHours: workingHoursSchema.nullable().optional(),
  weeklyCapacityHours: z.number().int().min(0).max(168).optional(),
  attributes: profileAttributesSchema.optional(),
  emailNotifications: z.boolean().optional(),
  /** Template notification rules "how: SMS" reach only users who opted in; needs `phone`. */
  smsNotifications: z.boolean().optional(),
});
export type CreateUserInput = z.output<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  name: name.optional(),
  email: email.optional(),
  role: roleSchema.optional(),
  password: password.optional(),
  /** Required when changing your own password. */
  currentPassword: z.string().max(1024).optional(),
  managerId: z.uuid().nullable().optional(),
  teamIds: teamIds.optional(),
  phone: phone.nullable().optional(),
  timeZone: timeZoneSchema.nullable().optional(),
  workingHours: workingHoursSchema.nullable().optional(),
  weeklyCapacityHours: z.number().int().min(0).max(168).optional(),
  attributes: profileAttributesSchema.optional(),
  emailNotifications: z.boolean().optional(),
  /** Needs a phone number (given here or already saved); clearing the phone turns it off. */
  smsNotifications: z.boolean().optional(),
});
export type UpdateUserInput = z.output<typeof updateUserBody>;

/** Fields a non-admin may change on their own profile (SPEC §1: everyone keeps their own hours and capacity). */
export const SELF_EDITABLE = [
  'name',
  'phone',
  'timeZone',
  'emailNotifications',
  'smsNotifications',
  'workingHours',
  'weeklyCapacityHours',
  'password',
  'currentPassword',
] as const;

export const listUsersQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  teamId: z.uuid().optional(),
  enabled: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const disableUserBody = z.strictObject({ transferToUserId: z.uuid() });

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  enabled: z.boolean(),
  teamIds: z.array(z.uuid()),
  managerId: z.uuid().nullable(),
});

export const userDetailSchema = userSummarySchema.extend({
  phone: z.string().nullable(),
  timeZone: z.string().nullable(),
  workingHours: z
    .object({ days: z.array(z.number()), start: z.string(), end: z.string() })
    .nullable(),
  weeklyCapacityHours: z.number(),
  attributes: z.record(z.string(), z.unknown()),
  emailNotifications: z.boolean(),
  smsNotifications: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});

export const userListSchema = z.object({
  data: z.array(userSummarySchema),
  nextCursor: z.string().nullable(),
});

export const disableResultSchema = z.object({
  user: userDetailSchema,
  /** What moved to the receiver, per handover (e.g. tasksReassigned, roleHoldingsMoved, playsHandedOver). */
  handover: z.record(z.string(), z.number()),
  /** The same in words, for the admin: e.g. "3 plays handed over to Dana". Empty when nothing moved. */
  report: z.array(z.string()),
});
