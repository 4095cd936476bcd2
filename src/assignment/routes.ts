import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { reassignDynamically } from './reassign-dynamically.ts';

export async function assignmentRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/tasks/:id/reassign-dynamically',
    {
      schema: {
        tags: ['tasks'],
        summary: "Run the play's assignee rule again now (fallback tasks)",
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            id: z.uuid(),
            assigneeUserId: z.uuid(),
            fallbackReason: z.string().nullable(),
            version: z.number().int(),
          }),
        },
      },
    },
    async (req) => reassignDynamically(deps, actorOf(req), req.params.id),
  );
}
