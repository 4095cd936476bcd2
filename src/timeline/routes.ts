import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { listAccountTimeline, listMyTimeline } from './list-timeline.ts';

const ref = z.object({ id: z.uuid(), name: z.string() });
const timelinePage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      account: ref.nullable(),
      taskId: z.uuid().nullable(),
      actor: ref.nullable(),
      userId: z.uuid().nullable(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
const query = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** On an account: optionally only one task's events (the task panel's history). */
const accountQuery = query.extend({ taskId: z.uuid().optional() });
const tags = ['timeline'];

export async function timelineRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/accounts/:id/timeline',
    {
      schema: {
        tags,
        summary: "An account's timeline, newest first",
        params: z.object({ id: z.uuid() }),
        querystring: accountQuery,
        response: { 200: timelinePage },
      },
    },
    async (req) => listAccountTimeline(deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/me/timeline',
    {
      schema: {
        tags,
        summary:
          "My Portfolio timeline: events addressed to me and plays' notices from my feed, newest first",
        querystring: query,
        response: { 200: timelinePage },
      },
    },
    async (req) => listMyTimeline(deps, actorOf(req), req.query),
  );
}
