import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { bulkAccountRow } from './bulk-plan-accounts.ts';
import { bulkUpsertAccounts } from './bulk-upsert-accounts.ts';
import { MAX_BULK_ROWS, bulkResultSchema } from './bulk-rows.ts';
import { bulkBodyLimit, passThroughValidator } from '../http/bulk-body.ts';
import { createAccount } from './create-account.ts';
import { deleteAccount } from './delete-account.ts';
import { listAccounts, listChildren } from './list-accounts.ts';
import { loadAccountDetail } from './queries.ts';
import {
  accountDetailSchema,
  accountIdParams,
  accountListSchema,
  createAccountBody,
  limitSchema,
  listAccountsQuery,
  setRoleHolderBody,
  setRoleHolderParams,
  setRoleHolderResponse,
  updateAccountBody,
} from './schema.ts';
import { setRoleHolder } from './set-role-holder.ts';
import { updateAccount } from './update-account.ts';
import { parseIfMatch, requireVersion, withEtag } from '../http/versions.ts';

const tags = ['accounts'];

export async function accountRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Accounts you can see (search, filters, name order, cursor)',
        querystring: listAccountsQuery,
        response: { 200: accountListSchema },
      },
    },
    async (req) => listAccounts(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'One account with teams, role holders, parent and task counts (ETag = version)',
        params: accountIdParams,
        response: { 200: accountDetailSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await loadAccountDetail(deps.db, actorOf(req), req.params.id, deps.clock.now()),
      ),
  );

  app.get(
    '/api/v1/accounts/:id/children',
    {
      schema: {
        tags,
        summary: 'Direct children of an account that you can see',
        params: accountIdParams,
        querystring: z.object({ cursor: z.string().max(1000).optional(), limit: limitSchema }),
        response: { 200: accountListSchema },
      },
    },
    async (req) =>
      listChildren(deps, actorOf(req), req.params.id, req.query.cursor, req.query.limit),
  );

  app.post(
    '/api/v1/accounts',
    {
      schema: {
        tags,
        summary: 'Create an account (advanced or admin)',
        body: createAccountBody,
        response: { 201: accountDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createAccount(deps, actor, req.body);
      return reply
        .status(201)
        .send(withEtag(reply, await loadAccountDetail(deps.db, actor, id, deps.clock.now())));
    },
  );

  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Edit an account (needs version or If-Match; 409 when stale)',
        params: accountIdParams,
        body: updateAccountBody,
        response: { 200: accountDetailSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { version, ...input } = req.body;
      await updateAccount(
        deps,
        actor,
        req.params.id,
        input,
        requireVersion(version, req.headers['if-match']),
      );
      return withEtag(
        reply,
        await loadAccountDetail(deps.db, actor, req.params.id, deps.clock.now()),
      );
    },
  );

  app.delete(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Delete an account with its contacts and tasks (admin)',
        params: accountIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteAccount(deps, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/accounts/:id/roles/:roleId',
    {
      schema: {
        tags,
        summary:
          'Set or clear the holder of an account role; open tasks follow the ownership policy',
        params: setRoleHolderParams,
        body: setRoleHolderBody,
        response: { 200: setRoleHolderResponse },
      },
    },
    async (req) =>
      setRoleHolder(deps, actorOf(req), req.params.id, req.params.roleId, req.body.userId),
  );

  app.post(
    '/api/v1/accounts/bulk',
    {
      bodyLimit: bulkBodyLimit(deps),
      validatorCompiler: passThroughValidator,
      schema: {
        tags,
        summary: 'Upsert up to 10,000 accounts by external id, all or nothing (advanced or admin)',
        description:
          'Every row is validated first; any problem answers 400 with `rows.<index>.<field>` details and writes nothing.',
        body: z.object({ rows: z.array(bulkAccountRow).min(1).max(MAX_BULK_ROWS) }),
        response: { 200: bulkResultSchema },
      },
    },
    async (req) => bulkUpsertAccounts(deps, actorOf(req), req.body as unknown),
  );
}
