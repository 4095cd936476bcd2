import { z } from 'zod';

const fieldInput = z.strictObject({
  attributeKey: z.string().trim().min(1).max(100),
  /** Defaults to the attribute definition's label. */
  label: z.string().trim().min(1).max(200).optional(),
  required: z.boolean().default(false),
});

const fields = z
  .array(fieldInput)
  .min(1, 'a form needs at least one field')
  .max(50, 'at most 50 fields')
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((f, i) => {
      if (seen.has(f.attributeKey))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'attributeKey'],
          message: `"${f.attributeKey}" appears twice`,
        });
      seen.add(f.attributeKey);
    });
  });

export const createFormBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  accountType: z.string().trim().min(1).max(100),
  fields,
});
export type CreateFormInput = z.output<typeof createFormBody>;

export const updateFormBody = createFormBody.partial();
export type UpdateFormInput = z.output<typeof updateFormBody>;

export const listFormsQuery = z.strictObject({
  accountType: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const formSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  accountType: z.string(),
  fields: z.array(
    z.object({
      attributeKey: z.string(),
      label: z.string(),
      required: z.boolean(),
      /** The attribute's current type and choices, for rendering; null if the definition was removed. */
      type: z.enum(['text', 'number', 'boolean', 'date', 'enum', 'user']).nullable(),
      enumValues: z.array(z.string()).nullable(),
    }),
  ),
  createdAt: z.string(),
});
export const formListSchema = z.object({
  data: z.array(formSchema),
  nextCursor: z.string().nullable(),
});
