import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { createForm } from './create-form.ts';
import { deleteForm } from './delete-form.ts';
import { getForm, listForms } from './list-forms.ts';
import { updateForm } from './update-form.ts';
import {
  createFormBody,
  formListSchema,
  formSchema,
  listFormsQuery,
  updateFormBody,
} from './schema.ts';

const params = z.object({ id: z.uuid() });
const tags = ['forms'];

export async function formRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/forms',
    {
      schema: {
        tags,
        summary: 'List forms (optionally for one account type)',
        querystring: listFormsQuery,
        response: { 200: formListSchema },
      },
    },
    async (req) => listForms(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/forms/:id',
    {
      schema: { tags, summary: 'One form', params, response: { 200: formSchema } },
    },
    async (req) => getForm(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/forms',
    {
      schema: {
        tags,
        summary: 'Create a form bound to account attributes (advanced)',
        body: createFormBody,
        response: { 201: formSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createForm(deps, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/forms/:id',
    {
      schema: {
        tags,
        summary: 'Edit a form (advanced)',
        params,
        body: updateFormBody,
        response: { 200: formSchema },
      },
    },
    async (req) => updateForm(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/forms/:id',
    {
      schema: {
        tags,
        summary: 'Delete a form (advanced; refused while tasks use it)',
        params,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteForm(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
