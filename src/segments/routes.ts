import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  updateSegment,
} from './manage-segments.ts';
import { previewCriteria, previewSegment } from './preview-segment.ts';
import {
  previewSchema,
  segmentInputSchema,
  segmentPatchSchema,
  segmentSchema,
  subjectSchema,
} from './schema.ts';
import { criteriaSchema } from './criteria.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['segments'];

export async function segmentRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/segments',
    {
      schema: {
        tags,
        summary: 'List segments',
        querystring: z.object({
          subject: subjectSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
          cursor: z.string().max(500).optional(),
        }),
        response: {
          200: z.object({ data: z.array(segmentSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listSegments(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/segments',
    {
      schema: {
        tags,
        summary: 'Create a segment (advanced)',
        body: segmentInputSchema,
        response: { 201: segmentSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createSegment(deps, actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/segments/preview',
    {
      schema: {
        tags,
        summary: 'Count and first page of records matching unsaved criteria',
        body: z.object({ subject: subjectSchema, criteria: criteriaSchema }),
        response: { 200: previewSchema },
      },
    },
    async (req) => previewCriteria(deps, actorOf(req), req.body.subject, req.body.criteria),
  );

  app.get(
    '/api/v1/segments/:id',
    {
      schema: { tags, summary: 'One segment', params: idParams, response: { 200: segmentSchema } },
    },
    async (req) => getSegment(deps, actorOf(req), req.params.id),
  );

  app.patch(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: 'Rename a segment or change its criteria (advanced)',
        params: idParams,
        body: segmentPatchSchema,
        response: { 200: segmentSchema },
      },
    },
    async (req) => updateSegment(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/segments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a segment not referenced elsewhere (advanced)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteSegment(deps, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/segments/:id/preview',
    {
      schema: {
        tags,
        summary: "Count and first page of the segment's records",
        params: idParams,
        response: { 200: previewSchema },
      },
    },
    async (req) => previewSegment(deps, actorOf(req), req.params.id),
  );
}
