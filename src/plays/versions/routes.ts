// Play versions over HTTP (SPEC §5): history, one version, publish or discard the draft, restore.
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import type { App } from '../../http/app-type.ts';
import { actorOf } from '../../http/actor.ts';
import { parseIfMatch, versionFrom, withEtag } from '../../http/versions.ts';
import { playSchema } from '../schema.ts';
import {
  discardDraft,
  getVersion,
  listVersions,
  publishDraft,
  restoreVersion,
} from './manage-versions.ts';
import { versionParams, versionSchema, versionSummarySchema } from './schema.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['plays'];
const versionBody = z
  .object({
    version: z.number().int().min(1).optional().describe('The version you read; or send If-Match'),
  })
  .nullish();

export async function playVersionRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/plays/:id/versions',
    {
      schema: {
        tags,
        summary: 'Version history of a play, oldest first (the draft, if any, last)',
        params: idParams,
        response: { 200: z.object({ data: z.array(versionSummarySchema) }) },
      },
    },
    async (req) => listVersions(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/plays/:id/versions/:number',
    {
      schema: {
        tags,
        summary: "One version's definition (credentials are never returned)",
        params: versionParams,
        response: { 200: versionSchema },
      },
    },
    async (req) => getVersion(deps, actorOf(req), req.params.id, req.params.number),
  );

  app.post(
    '/api/v1/plays/:id/publish',
    {
      schema: {
        tags,
        summary:
          'Publish the draft: new firings and journeys use it, running journeys finish on theirs (needs version or If-Match; 409 when stale or without a draft)',
        params: idParams,
        body: versionBody,
        response: { 200: playSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await publishDraft(
          deps,
          actorOf(req),
          req.params.id,
          versionFrom(req.body?.version, req.headers['if-match']),
        ),
      ),
  );

  app.delete(
    '/api/v1/plays/:id/draft',
    {
      schema: {
        tags,
        summary: 'Discard the draft (the version in force stays); If-Match optional',
        params: idParams,
        response: { 200: playSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await discardDraft(
          deps,
          actorOf(req),
          req.params.id,
          parseIfMatch(req.headers['if-match']),
        ),
      ),
  );

  app.post(
    '/api/v1/plays/:id/versions/:number/restore',
    {
      schema: {
        tags,
        summary:
          'Restore a version: the draft of an enabled play (publish it to put it in force), published at once on a disabled play (needs version or If-Match)',
        params: versionParams,
        body: versionBody,
        response: { 200: playSchema },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await restoreVersion(
          deps,
          actorOf(req),
          req.params.id,
          req.params.number,
          versionFrom(req.body?.version, req.headers['if-match']),
        ),
      ),
  );
}
