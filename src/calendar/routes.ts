import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { errors } from '../http/errors.ts';
import { createFeed, feedStatus, revokeFeed } from './manage-feed.ts';
import { renderFeed } from './render-feed.ts';

const tags = ['calendar'];
const statusSchema = z.object({
  enabled: z.boolean(),
  createdAt: z.string().nullable(),
  lastFetchedAt: z.string().nullable(),
});

export async function calendarRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Whether my calendar feed is on (its URL is shown only when created)',
        response: { 200: statusSchema },
      },
    },
    async (req) => feedStatus(deps, actorOf(req)),
  );

  app.post(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary:
          'Turn my calendar feed on, or give it a new secret URL (the old one stops working); the URL is shown once',
        response: { 201: z.object({ url: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createFeed(deps, actorOf(req))),
  );

  app.delete(
    '/api/v1/me/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Turn my calendar feed off (its URL stops working)',
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await revokeFeed(deps, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  // The secret in the path is the credential: calendar apps cannot send headers.
  app.get(
    '/calendar/:file',
    { config: { public: true }, schema: { hide: true } },
    async (req, reply) => {
      const file = (req.params as { file: string }).file;
      const body = file.endsWith('.ics') ? await renderFeed(deps, file.slice(0, -4)) : null;
      if (body === null) throw errors.notFound('Calendar feed');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Cache-Control', 'private, no-store')
        .send(body);
    },
  );
}
