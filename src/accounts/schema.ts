import { z } from 'zod';

/** Shared field rules (also used by contacts and the bulk endpoints). */
export const externalIdSchema = z.string().trim().min(1).max(200);
export const tagsSchema = z.array(z.string().trim().min(1).max(100)).max(100);
/** Bounded so a body of thousands of unknown keys cannot produce a giant error answer. */
export const attributesInputSchema = z
  .record(z.string().min(1).max(64), z.unknown())
  .refine((o) => Object.keys(o).length <= 1000, 'at most 1,000 attributes in one write');
export const versionSchema = z.number().int().min(1);
export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const accountIdParams = z.object({ id: z.uuid() });

export const listAccountsQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  teamId: z.uuid().optional(),
  lifecycleStage: z.string().max(100).optional(),
  accountType: z.string().max(100).optional(),
  tag: z.string().max(100).optional(),
  parentId: z.uuid().optional(),
  hasParent: booleanQuery.optional(),
  sort: z
    .string()
    .max(200)
    .optional()
    .describe(
      'name (default), lifecycleStage, attr.<attribute key> or role.<role id>; empty values last',
    ),
  dir: z.enum(['asc', 'desc']).optional(),
  filter: z
    .union([z.string().max(300), z.array(z.string().max(300)).max(20)])
    .optional()
    .describe(
      "column:operator[:value], repeatable; columns as for sort; operators eq, lt, lte, gt, gte (numbers, dates), contains (text), empty, set. A role filter compares the holder's user id",
    ),
  cursor: z.string().max(1000).optional(),
  limit: limitSchema,
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;

export const createAccountBody = z.strictObject({
  externalId: externalIdSchema.optional().describe('Unique per workspace; generated when omitted'),
  name: z.string().trim().min(1).max(300),
  parentId: z.uuid().nullable().optional(),
  lifecycleStage: z.string().trim().min(1).max(100).nullable().optional(),
  accountType: z.string().trim().min(1).max(100).optional(),
  tags: tagsSchema.optional(),
  teams: z.array(z.uuid()).max(50).optional().describe('Team ids'),
  attributes: attributesInputSchema.optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountBody>;

export const updateAccountBody = z.strictObject({
  version: versionSchema.optional().describe('The version you read; or send If-Match'),
  externalId: externalIdSchema.optional(),
  name: z.string().trim().min(1).max(300).optional(),
  parentId: z.uuid().nullable().optional(),
  lifecycleStage: z.string().trim().min(1).max(100).nullable().optional(),
  accountType: z.string().trim().min(1).max(100).optional(),
  tags: tagsSchema.optional(),
  teams: z.array(z.uuid()).max(50).optional().describe('Replaces the team set (advanced or admin)'),
  attributes: attributesInputSchema
    .optional()
    .describe('Merged into the current attributes; null clears a key'),
});
export type UpdateAccountInput = z.infer<typeof updateAccountBody>;

export const accountSummarySchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  lifecycleStage: z.string().nullable(),
  accountType: z.string(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.unknown()),
  teamIds: z.array(z.uuid()),
  roles: z
    .record(z.string(), z.object({ id: z.uuid(), name: z.string() }))
    .describe(
      'Role id → the user holding that role on this account (roles nobody holds are absent)',
    ),
  openTaskCount: z.number().int(),
  overdueTaskCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const accountDetailSchema = accountSummarySchema.extend({
  parent: z
    .object({ id: z.uuid(), name: z.string() })
    .nullable()
    .describe('Null when there is none or you cannot see it'),
  childrenCount: z.number().int().describe('Children you can see'),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  roleHolders: z
    .array(
      z.object({
        roleId: z.uuid(),
        roleName: z.string(),
        user: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      }),
    )
    .describe('Every workspace role, with its holder on this account or null'),
});
export type AccountDetail = z.infer<typeof accountDetailSchema>;

export const accountListSchema = z.object({
  data: z.array(accountSummarySchema),
  nextCursor: z.string().nullable(),
});

export const setRoleHolderParams = z.object({ id: z.uuid(), roleId: z.uuid() });
export const setRoleHolderBody = z.strictObject({ userId: z.uuid().nullable() });
export const setRoleHolderResponse = z.object({
  movedTasks: z
    .number()
    .int()
    .describe('Open tasks moved to the new holder under the ownership policy'),
  version: z.number().int().describe('The account version after the change'),
});
