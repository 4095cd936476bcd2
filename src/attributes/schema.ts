import { z } from 'zod';
import { attributesInputSchema } from '../accounts/schema.ts';

export const attributeTypes = ['text', 'number', 'boolean', 'date', 'enum', 'user'] as const;
export const entitySchema = z.enum(['account', 'contact']);
const enumValuesSchema = z
  .array(z.string().trim().min(1).max(100))
  .min(1)
  .max(200)
  .refine((v) => new Set(v).size === v.length, 'values must be unique');

export const definitionSchema = z.object({
  id: z.uuid(),
  entity: entitySchema,
  key: z.string(),
  label: z.string(),
  type: z.enum(attributeTypes),
  enumValues: z.array(z.string()).nullable(),
  crmSynced: z.boolean().describe('Kept in sync by the CRM: plays cannot write it'),
  createdAt: z.string(),
});
export type DefinitionOut = z.infer<typeof definitionSchema>;

export const listDefinitionsQuery = z.object({ entity: entitySchema.optional() });

export const createDefinitionBody = z.strictObject({
  entity: entitySchema,
  key: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,63}$/,
      'lower-case snake case: a letter, then letters, digits or _ (at most 64)',
    ),
  label: z.string().trim().min(1).max(200),
  type: z.enum(attributeTypes),
  enumValues: enumValuesSchema.optional().describe('Required for enum, refused otherwise'),
  crmSynced: z.boolean().optional(),
});
export type CreateDefinitionInput = z.infer<typeof createDefinitionBody>;

export const updateDefinitionBody = z.strictObject({
  label: z.string().trim().min(1).max(200).optional(),
  type: z
    .enum(attributeTypes)
    .optional()
    .describe('Accepted only when unchanged: the type is fixed once created'),
  enumValues: enumValuesSchema.optional(),
  crmSynced: z.boolean().optional(),
});
export type UpdateDefinitionInput = z.infer<typeof updateDefinitionBody>;

export const definitionIdParams = z.object({ id: z.uuid() });

export const attributeEventBody = z
  .strictObject({
    accountId: z.uuid().optional(),
    accountExternalId: z.string().trim().min(1).max(200).optional(),
    contactExternalId: z.string().trim().min(1).max(200).optional(),
    attributes: attributesInputSchema.refine(
      (a) => Object.keys(a).length > 0,
      'at least one attribute',
    ),
  })
  .refine(
    (b) =>
      [b.accountId, b.accountExternalId, b.contactExternalId].filter((v) => v !== undefined)
        .length === 1,
    {
      message: 'name exactly one of accountId, accountExternalId, contactExternalId',
      path: ['accountId'],
    },
  );
export type AttributeEventInput = z.infer<typeof attributeEventBody>;

export const attributeEventResponse = z.object({
  entity: entitySchema,
  id: z.uuid(),
  accountId: z.uuid(),
  version: z.number().int().describe('The record version after the change'),
  changed: z.array(z.string()).describe('Keys whose value changed (empty: nothing to do)'),
});
