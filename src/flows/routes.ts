import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { createFlow } from './create-flow.ts';
import { deleteFlow } from './delete-flow.ts';
import { listFlows } from './list-flows.ts';
import { renameFlow } from './rename-flow.ts';
import { flowListSchema, flowNameBody, flowSchema } from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['flows'];

export async function flowRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/flows',
    {
      schema: {
        tags,
        summary: 'List flows (categories of work)',
        response: { 200: flowListSchema },
      },
    },
    async (req) => listFlows(deps, actorOf(req)),
  );

  app.post(
    '/api/v1/flows',
    {
      schema: {
        tags,
        summary: 'Create a flow (advanced)',
        body: flowNameBody,
        response: { 201: flowSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createFlow(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/flows/:id',
    {
      schema: {
        tags,
        summary: 'Rename a flow (advanced)',
        params,
        body: flowNameBody,
        response: { 200: flowSchema },
      },
    },
    async (req) => renameFlow(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/flows/:id',
    {
      schema: {
        tags,
        summary: 'Delete a flow (advanced; refused while tasks use it)',
        params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteFlow(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
