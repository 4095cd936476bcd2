import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { deleteDefinition } from './delete-definition.ts';
import { createDefinition, listDefinitions, updateDefinition } from './manage-definitions.ts';
import { pushAttributes } from './push-attributes.ts';
import {
  attributeEventBody,
  attributeEventResponse,
  createDefinitionBody,
  definitionIdParams,
  definitionSchema,
  listDefinitionsQuery,
  updateDefinitionBody,
} from './schema.ts';

const tags = ['attributes'];

export async function attributeRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/attribute-definitions',
    {
      schema: {
        tags,
        summary: 'Custom attribute definitions (any user)',
        querystring: listDefinitionsQuery,
        response: { 200: z.object({ data: z.array(definitionSchema) }) },
      },
    },
    async (req) => ({ data: await listDefinitions(deps, actorOf(req), req.query.entity) }),
  );

  app.post(
    '/api/v1/attribute-definitions',
    {
      schema: {
        tags,
        summary: 'Define a custom attribute (admin)',
        body: createDefinitionBody,
        response: { 201: definitionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createDefinition(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/attribute-definitions/:id',
    {
      schema: {
        tags,
        summary: 'Change label, enum values or the CRM flag (admin; key and type are fixed)',
        params: definitionIdParams,
        body: updateDefinitionBody,
        response: { 200: definitionSchema },
      },
    },
    async (req) => updateDefinition(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/attribute-definitions/:id',
    {
      schema: {
        tags,
        summary: 'Delete an attribute and clear its values everywhere (admin)',
        params: definitionIdParams,
        response: { 200: z.object({ clearedRecords: z.number().int() }) },
      },
    },
    async (req) => deleteDefinition(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/events/attributes',
    {
      schema: {
        tags,
        summary: 'Push attribute values for one account or contact (merge; null clears a key)',
        body: attributeEventBody,
        response: { 200: attributeEventResponse },
      },
    },
    async (req) => pushAttributes(deps, actorOf(req), req.body),
  );
}
