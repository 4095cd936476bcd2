import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { parseIfMatch, versionFrom, withEtag } from '../http/versions.ts';
import { createPlay, deletePlay, getPlay, listPlays, updatePlay } from './manage-plays.ts';
import { disablePlay, enablePlay } from './enable-play.ts';
import { dryRunPlay } from './dry-run-play.ts';
import { playListSummarySchema } from './list-summary.ts';
import { fallbackReasonSchema } from '../assignment/rule.ts';
import { listRunResults, listRuns, runManualPlay } from './run-play.ts';
import {
  playInputSchema,
  playPatchSchema,
  playSchema,
  runCountsSchema,
  runResultSchema,
  runSchema,
} from './schema.ts';

const idParams = z.object({ id: z.uuid() });
const page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
const tags = ['plays'];
const dryRunTaskSchema = z
  .object({
    title: z.string().describe('The title rendered for this record'),
    dueDate: z.string().nullable().describe('YYYY-MM-DD'),
    assigneeUserId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    fallbackReason: fallbackReasonSchema
      .nullable()
      .describe('Why the task would go to the fallback user (null: the rule found someone)'),
  })
  .meta({ id: 'DryRunTask' });
const journeyPathSchema = z
  .object({
    recordId: z.uuid(),
    recordName: z.string().nullable(),
    accountId: z.uuid().nullable(),
    accountName: z.string().nullable(),
    heldOut: z.boolean().describe('Held out of the play (SPEC §5): it enters and gets no step'),
    path: z
      .array(
        z.object({
          stepId: z.string(),
          type: z.enum(['action', 'wait', 'wait_until', 'branch', 'go_to', 'end']),
          text: z.string().describe('What the step would do for this record, in words'),
          detail: z.record(z.string(), z.unknown()),
        }),
      )
      .describe('The steps it would take now, in order'),
    stoppedAt: z
      .string()
      .nullable()
      .describe('The step where the path waits from now on (null: it reaches the end)'),
  })
  .meta({ id: 'DryRunJourneyPath' });
const hiddenRecords = z
  .number()
  .int()
  .describe(
    'Records of the run outside your teams: counted in the totals, not listed (no ids or names).',
  );

export async function playRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/plays',
    {
      schema: {
        tags,
        summary: 'List plays (advanced)',
        querystring: page.extend({
          status: z.enum(['enabled', 'disabled']).optional(),
          include: z
            .enum(['summary'])
            .optional()
            .describe(
              "summary: add each play's owner name, open tasks, last run and score (what the plays list shows; costlier)",
            ),
        }),
        response: {
          200: z.object({
            data: z.array(
              playSchema.extend({
                summary: playListSummarySchema.optional().describe('Only with include=summary'),
              }),
            ),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => listPlays(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/plays',
    {
      schema: {
        tags,
        summary: 'Create a play (saved disabled)',
        body: playInputSchema,
        response: { 201: playSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(withEtag(reply, await createPlay(deps, actorOf(req), req.body))),
  );

  app.get(
    '/api/v1/plays/:id',
    {
      schema: {
        tags,
        summary: 'One play with its member count (ETag = version)',
        params: idParams,
        response: { 200: playSchema },
      },
    },
    async (req, reply) => withEtag(reply, await getPlay(deps, actorOf(req), req.params.id)),
  );

  app.patch(
    '/api/v1/plays/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a play (needs version or If-Match; 409 when stale); existing tasks are not changed',
        params: idParams,
        body: playPatchSchema,
        response: { 200: playSchema },
      },
    },
    async (req, reply) => {
      const { version, ...patch } = req.body;
      return withEtag(
        reply,
        await updatePlay(
          deps,
          actorOf(req),
          req.params.id,
          patch,
          versionFrom(version, req.headers['if-match']),
        ),
      );
    },
  );

  app.delete(
    '/api/v1/plays/:id',
    {
      schema: {
        tags,
        summary: 'Delete a play (its tasks stay); If-Match optional',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deletePlay(deps, actorOf(req), req.params.id, parseIfMatch(req.headers['if-match']));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/plays/:id/enable',
    {
      schema: {
        tags,
        summary:
          'Enable; fireNow fires for records meeting the criteria now, otherwise only new entries fire',
        params: idParams,
        body: z.object({ fireNow: z.boolean() }),
        response: { 200: playSchema },
      },
    },
    async (req, reply) =>
      withEtag(reply, await enablePlay(deps, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/plays/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable (open tasks stay unchanged)',
        params: idParams,
        response: { 200: playSchema },
      },
    },
    async (req, reply) => withEtag(reply, await disablePlay(deps, actorOf(req), req.params.id)),
  );

  app.post(
    '/api/v1/plays/:id/dry-run',
    {
      schema: {
        tags,
        summary: 'What the play would do now, without doing it',
        params: idParams,
        response: {
          200: z.object({
            runId: z.uuid(),
            targets: z.number(),
            hiddenRecords,
            summary: z.array(
              z.object({ actionId: z.string(), result: z.string(), count: z.number() }),
            ),
            data: z.array(
              z.object({
                recordId: z.uuid(),
                recordName: z.string().nullable(),
                accountId: z.uuid().nullable(),
                accountName: z.string().nullable(),
                actionId: z.string(),
                position: z
                  .number()
                  .int()
                  .nullable()
                  .describe("The action's place in the play (1 = first); null if it was removed"),
                result: z.string(),
                task: dryRunTaskSchema
                  .nullable()
                  .describe('For actions that create tasks: the task it would create'),
                detail: z.record(z.string(), z.unknown()),
              }),
            ),
            journeys: z
              .array(journeyPathSchema)
              .nullable()
              .describe(
                'For a play with steps: per record (at most 200, by name), the path it would take now',
              ),
          }),
        },
      },
    },
    async (req) => dryRunPlay(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/plays/:id/run',
    {
      schema: {
        tags,
        summary:
          'Run a play now: a manual play for a segment or chosen accounts; a recurring play as scheduled (or for a segment or chosen accounts)',
        params: idParams,
        body: z.object({
          segmentId: z.uuid().optional(),
          accountIds: z.array(z.uuid()).min(1).max(10_000).optional(),
        }),
        response: { 200: z.object({ runId: z.uuid(), counts: runCountsSchema }) },
      },
    },
    async (req) => runManualPlay(deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/plays/:id/runs',
    {
      schema: {
        tags,
        summary: 'Firings of a play, newest first',
        params: idParams,
        querystring: page,
        response: {
          200: z.object({ data: z.array(runSchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => listRuns(deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/plays/:id/runs/:runId/results',
    {
      schema: {
        tags,
        summary: 'Per-record results of one run',
        params: idParams.extend({ runId: z.uuid() }),
        querystring: page,
        response: {
          200: z.object({
            run: runSchema,
            hiddenRecords,
            data: z.array(runResultSchema),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => listRunResults(deps, actorOf(req), req.params.id, req.params.runId, req.query),
  );
}
