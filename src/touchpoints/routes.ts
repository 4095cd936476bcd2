import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { createTouchpoint } from './create-touchpoint.ts';
import { listTouchpoints, touchpointById } from './list-touchpoints.ts';
import {
  createTouchpointBody,
  touchpointItem,
  touchpointListQuery,
  touchpointPage,
} from './schema.ts';
import { touchpointTypeRoutes } from './types/routes.ts';

const params = z.object({ id: z.uuid() });
const tags = ['touchpoints'];

export async function touchpointRoutes(app: App, deps: Deps) {
  await touchpointTypeRoutes(app, deps);
  app.post(
    '/api/v1/accounts/:id/touchpoints',
    {
      schema: {
        tags,
        summary:
          'Log a touchpoint (type: a built-in or an active workspace type; participants: contacts of the account and colleagues who can see it)',
        params,
        body: createTouchpointBody,
        response: { 201: touchpointItem },
      },
    },
    async (req, reply) => {
      const id = await createTouchpoint(deps, actorOf(req), req.params.id, req.body);
      return reply.status(201).send(await touchpointById(deps.db, id));
    },
  );

  app.get(
    '/api/v1/accounts/:id/touchpoints',
    {
      schema: {
        tags,
        summary: "An account's touchpoints, newest first",
        params,
        querystring: touchpointListQuery,
        response: { 200: touchpointPage },
      },
    },
    async (req) => listTouchpoints(deps, actorOf(req), req.params.id, req.query),
  );
}
