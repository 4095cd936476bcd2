import { z } from 'zod';

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Matched anywhere in the text; % and _ are literal'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe('At most this many results of each kind'),
});
export type SearchQuery = z.infer<typeof searchQuery>;

const accountRef = z.object({ id: z.uuid(), name: z.string() });

export const searchResultSchema = z.object({
  accounts: z.array(z.object({ id: z.uuid(), name: z.string(), externalId: z.string() })),
  contacts: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string().nullable(),
      account: accountRef,
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.enum(['open', 'completed']),
      dueDate: z.string(),
      account: accountRef,
    }),
  ),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
