import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { getWorkspace } from './get-workspace.ts';
import { listOutbox } from './list-outbox.ts';
import { updateWorkspace } from './update-workspace.ts';
import { outboxListSchema, outboxQuery, updateWorkspaceBody, workspaceSchema } from './schema.ts';

const tags = ['workspace'];

export async function workspaceRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/workspace',
    {
      schema: {
        tags,
        summary: 'The workspace: name, time zone and settings',
        response: { 200: workspaceSchema },
      },
    },
    async (req) => getWorkspace(deps, actorOf(req)),
  );

  app.patch(
    '/api/v1/workspace',
    {
      schema: {
        tags,
        summary:
          'Change workspace settings (admin; advanced users may change only the ownership policy)',
        body: updateWorkspaceBody,
        response: { 200: workspaceSchema },
      },
    },
    async (req) => updateWorkspace(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/outbox',
    {
      schema: {
        tags,
        summary: 'The e-mail outbox, newest first (admin)',
        querystring: outboxQuery,
        response: { 200: outboxListSchema },
      },
    },
    async (req) => listOutbox(deps, actorOf(req), req.query),
  );
}
