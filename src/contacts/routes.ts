import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { MAX_BULK_ROWS, bulkResultSchema } from '../accounts/bulk-rows.ts';
import { bulkBodyLimit, passThroughValidator } from '../http/bulk-body.ts';
import { accountIdParams, limitSchema } from '../accounts/schema.ts';
import { parseIfMatch, requireVersion, withEtag } from '../http/versions.ts';
import { bulkUpsertContacts } from './bulk-upsert-contacts.ts';
import { createContact } from './create-contact.ts';
import { deleteContact } from './delete-contact.ts';
import { listContacts } from './list-contacts.ts';
import { loadVisibleContact } from './queries.ts';
import {
  bulkContactRow,
  contactIdParams,
  contactListSchema,
  contactSchema,
  createContactBody,
  listContactsQuery,
  updateContactBody,
} from './schema.ts';
import { updateContact } from './update-contact.ts';

const tags = ['contacts'];

export async function contactRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts on accounts you can see (search, account, tag; cursor)',
        querystring: listContactsQuery,
        response: { 200: contactListSchema },
      },
    },
    async (req) => listContacts(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/contacts',
    {
      schema: {
        tags,
        summary: "An account's contacts",
        params: accountIdParams,
        querystring: z.object({
          q: z.string().trim().min(1).max(200).optional(),
          cursor: z.string().max(2000).optional(),
          limit: limitSchema,
        }),
        response: { 200: contactListSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await loadVisibleAccount(deps.db, actor, req.params.id);
      return listContacts(deps, actor, { ...req.query, accountId: req.params.id });
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'One contact (ETag = version)',
        params: contactIdParams,
        response: { 200: contactSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await loadVisibleContact(deps.db, actorOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact to an account you can see',
        body: createContactBody,
        response: { 201: contactSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const id = await createContact(deps, actor, req.body);
      return reply.status(201).send(withEtag(reply, await loadVisibleContact(deps.db, actor, id)));
    },
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contact (needs version or If-Match; 409 when stale)',
        params: contactIdParams,
        body: updateContactBody,
        response: { 200: contactSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { version, ...input } = req.body;
      await updateContact(
        deps,
        actor,
        req.params.id,
        input,
        requireVersion(version, req.headers['if-match']),
      );
      return withEtag(reply, await loadVisibleContact(deps.db, actor, req.params.id));
    },
  );

  app.delete(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Delete a contact (advanced or admin)',
        params: contactIdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteContact(deps, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/contacts/bulk',
    {
      bodyLimit: bulkBodyLimit(deps),
      validatorCompiler: passThroughValidator,
      schema: {
        tags,
        summary: 'Upsert up to 10,000 contacts by external id, all or nothing (advanced or admin)',
        description:
          'Every row is validated first; any problem answers 400 with `rows.<index>.<field>` details and writes nothing.',
        body: z.object({ rows: z.array(bulkContactRow).min(1).max(MAX_BULK_ROWS) }),
        response: { 200: bulkResultSchema },
      },
    },
    async (req) => bulkUpsertContacts(deps, actorOf(req), req.body as unknown),
  );
}
