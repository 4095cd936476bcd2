import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { parseIfMatch, versionFrom, withEtag } from '../http/versions.ts';
import { applyTemplate } from './apply-template.ts';
import { listMergeFields, mergeFieldsQuery, mergeFieldsResponse } from './merge-field-catalog.ts';
import { showCompletePage, submitCompletePage, type Page } from './complete-page.ts';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from './manage-templates.ts';
import {
  applyTemplateBody,
  applyTemplateResult,
  createTemplateBody,
  listTemplatesQuery,
  templateSchema,
  updateTemplateBody,
} from './schema.ts';

const tags = ['templates'];
const idParams = z.object({ id: z.uuid() });

export async function templateRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/merge-fields',
    {
      schema: {
        tags,
        summary:
          'Merge fields a text may use, by label, for one destination (task title, e-mail body, webhook URL …)',
        querystring: mergeFieldsQuery,
        response: { 200: mergeFieldsResponse },
      },
    },
    async (req) => listMergeFields(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/templates',
    {
      schema: {
        tags,
        summary: 'Task templates, by name',
        querystring: listTemplatesQuery,
        response: {
          200: z.object({ data: z.array(templateSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listTemplates(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/templates',
    {
      schema: {
        tags,
        summary: 'Create a task template (advanced)',
        body: createTemplateBody,
        response: { 201: templateSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createTemplate(deps, actorOf(req), req.body))),
  );

  app.get(
    '/api/v1/templates/:id',
    {
      schema: {
        tags,
        summary: 'One task template (ETag = version)',
        params: idParams,
        response: { 200: templateSchema },
      },
    },
    async (req, reply) => withEtag(reply, await getTemplate(deps, actorOf(req), req.params.id)),
  );

  app.patch(
    '/api/v1/templates/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a task template (advanced; needs version or If-Match; 409 when stale); tasks already created are unchanged',
        params: idParams,
        body: updateTemplateBody,
        response: { 200: templateSchema },
      },
    },
    async (req, reply) => {
      const { version, ...input } = req.body;
      return withEtag(
        reply,
        await updateTemplate(
          deps,
          actorOf(req),
          req.params.id,
          input,
          versionFrom(version, req.headers['if-match']),
        ),
      );
    },
  );

  app.delete(
    '/api/v1/templates/:id',
    {
      schema: {
        tags,
        summary: 'Delete a task template (advanced); If-Match optional',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTemplate(
        deps,
        actorOf(req),
        req.params.id,
        parseIfMatch(req.headers['if-match']),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/templates/:id/apply',
    {
      schema: {
        tags,
        summary: 'Create one task per selected account or contact from the template',
        params: idParams,
        body: applyTemplateBody,
        response: { 201: applyTemplateResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await applyTemplate(deps, actorOf(req), req.params.id, req.body)),
  );

  // The signed single-task link from the assignment e-mail: no login, HTML form posts, its own body parser.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 32 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const send = (
      reply: {
        status(n: number): {
          header(
            k: string,
            v: string,
          ): { header(k: string, v: string): { send(b: string): unknown } };
        };
      },
      p: Page,
    ) =>
      reply
        .status(p.status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(p.html);
    const config = { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } };
    scope.get<{ Params: { token: string } }>(
      '/t/:token',
      { config, schema: { hide: true } },
      async (req, reply) => send(reply, await showCompletePage(deps, req.params.token)),
    );
    scope.post<{ Params: { token: string }; Body: Record<string, unknown> }>(
      '/t/:token',
      { config, schema: { hide: true } },
      async (req, reply) =>
        send(
          reply,
          await submitCompletePage(
            deps,
            req.params.token,
            req.body && typeof req.body === 'object' ? req.body : {},
          ),
        ),
    );
  });
}
