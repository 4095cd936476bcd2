import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { sha256 } from '../auth/credentials.ts';
import { createUser } from './create-user.ts';
import { disableUser } from './disable-user.ts';
import { enableUser } from './enable-user.ts';
import { getUser, listUsers } from './list-users.ts';
import { updateUser } from './update-user.ts';
import {
  createUserBody,
  disableResultSchema,
  disableUserBody,
  listUsersQuery,
  updateUserBody,
  userDetailSchema,
  userListSchema,
} from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['users'];

export async function userRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List the workspace’s users (any signed-in user; for assignee pickers)',
        querystring: listUsersQuery,
        response: { 200: userListSchema },
      },
    },
    async (req) => listUsers(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: { tags, summary: 'One user’s profile', params, response: { 200: userDetailSchema } },
    },
    async (req) => getUser(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Add a user (admin)',
        body: createUserBody,
        response: { 201: userDetailSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a user (admin; anyone may edit their own name, phone, time zone, e-mail and SMS preferences (SMS needs a phone), working hours, weekly capacity and password)',
        params,
        body: updateUserBody,
        response: { 200: userDetailSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const cookie = actor.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined;
      return updateUser(deps, actor, req.params.id, req.body, {
        keepSessionHash: cookie ? sha256(cookie) : undefined,
      });
    },
  );

  app.post(
    '/api/v1/users/:id/disable',
    {
      schema: {
        tags,
        summary:
          'Disable a user and hand their open tasks, account roles and plays to another user (admin)',
        params,
        body: disableUserBody,
        response: { 200: disableResultSchema },
      },
    },
    async (req) => disableUser(deps, actorOf(req), req.params.id, req.body.transferToUserId),
  );

  app.post(
    '/api/v1/users/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable a disabled user (admin)',
        params,
        response: { 200: userDetailSchema },
      },
    },
    async (req) => enableUser(deps, actorOf(req), req.params.id),
  );
}
