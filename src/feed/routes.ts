import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { FEED_KINDS } from './kinds.ts';
import { listFeed, unreadCount } from './list-feed.ts';
import { markFeedRead } from './mark-read.ts';

const tags = ['feed'];
const feedItemSchema = z.object({
  id: z.string(),
  kind: z.enum(FEED_KINDS),
  /** Typed per kind in src/feed/kinds.ts (`FeedPayloads`). */
  payload: z.record(z.string(), z.unknown()),
  account: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  task: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const unreadSchema = z.object({ unread: z.number().int() });
const itemId = z.string().regex(/^\d{1,18}$/, 'A feed item id is a number.');
const readBody = z.union([
  z.object({ ids: z.array(itemId).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export async function feedRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/feed',
    {
      schema: {
        tags,
        summary:
          'My feed (SPEC §9): celebrations and notices, tasks assigned to me, outcomes of my tasks, webhook failures (admins); newest first',
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({ data: z.array(feedItemSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) =>
      listFeed(deps, actorOf(req), { ...req.query, unread: req.query.unread === 'true' }),
  );

  app.get(
    '/api/v1/feed/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my feed items I have not read',
        response: { 200: unreadSchema },
      },
    },
    async (req) => ({ unread: await unreadCount(deps, actorOf(req)) }),
  );

  app.post(
    '/api/v1/feed/read',
    {
      schema: {
        tags,
        summary: 'Mark my feed items read: the ones named (`ids`), or all of them (`all: true`)',
        body: readBody,
        response: { 200: unreadSchema },
      },
    },
    async (req) => markFeedRead(deps, actorOf(req), req.body),
  );
}
