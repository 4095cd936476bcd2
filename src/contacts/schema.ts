import { z } from 'zod';
import {
  attributesInputSchema,
  externalIdSchema,
  limitSchema,
  tagsSchema,
  versionSchema,
} from '../accounts/schema.ts';

export const emailSchema = z.email().max(320);
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()./-]{2,49}$/, 'must be a phone number (digits, spaces, + ( ) . - /)');
const nameSchema = z.string().trim().min(1).max(200);

export const contactIdParams = z.object({ id: z.uuid() });

export const listContactsQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  accountId: z.uuid().optional(),
  tag: z.string().max(100).optional(),
  cursor: z.string().max(2000).optional(),
  limit: limitSchema,
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

export const createContactBody = z.strictObject({
  accountId: z.uuid(),
  externalId: externalIdSchema.optional().describe('Unique per workspace; generated when omitted'),
  firstName: nameSchema,
  lastName: z.string().trim().max(200).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  tags: tagsSchema.optional(),
  attributes: attributesInputSchema.optional(),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = z.strictObject({
  version: versionSchema.optional().describe('The version you read; or send If-Match'),
  accountId: z.uuid().optional().describe('Move the contact to another account you can see'),
  externalId: externalIdSchema.optional(),
  firstName: nameSchema.optional(),
  lastName: z.string().trim().max(200).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  tags: tagsSchema.optional(),
  attributes: attributesInputSchema
    .optional()
    .describe('Merged into the current attributes; null clears a key'),
});
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const contactSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  externalId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactSchema>;
export const contactListSchema = z.object({
  data: z.array(contactSchema),
  nextCursor: z.string().nullable(),
});

export const bulkContactRow = z.strictObject({
  externalId: externalIdSchema,
  accountExternalId: externalIdSchema.describe('The account, by its external id (must exist)'),
  firstName: nameSchema,
  lastName: z.string().trim().max(200).optional(),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  tags: tagsSchema.optional().describe('Replaces the tag set when sent'),
  attributes: attributesInputSchema
    .optional()
    .describe('Merged into current attributes; null clears a key'),
});
export type BulkContactRow = z.infer<typeof bulkContactRow>;
