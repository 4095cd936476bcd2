import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { createAccountRole } from './create-account-role.ts';
import { deleteAccountRole } from './delete-account-role.ts';
import { listAccountRoles } from './list-account-roles.ts';
import { renameAccountRole } from './rename-account-role.ts';
import { accountRoleListSchema, accountRoleSchema, roleNameBody } from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['account roles'];

export async function accountRoleRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/account-roles',
    {
      schema: {
        tags,
        summary: 'List account role definitions (e.g. Success Manager)',
        response: { 200: accountRoleListSchema },
      },
    },
    async (req) => listAccountRoles(deps, actorOf(req)),
  );

  app.post(
    '/api/v1/account-roles',
    {
      schema: {
        tags,
        summary: 'Define an account role (advanced)',
        body: roleNameBody,
        response: { 201: accountRoleSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createAccountRole(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/account-roles/:id',
    {
      schema: {
        tags,
        summary: 'Rename an account role (advanced)',
        params,
        body: roleNameBody,
        response: { 200: accountRoleSchema },
      },
    },
    async (req) => renameAccountRole(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/account-roles/:id',
    {
      schema: {
        tags,
        summary: 'Delete an account role (advanced; refused while held on accounts)',
        params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteAccountRole(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
