import { z } from 'zod';
import type { Deps } from '../../context.ts';
import type { App } from '../../http/app-type.ts';
import { actorOf } from '../../http/actor.ts';
import {
  getJourney,
  journeyStepCounts,
  listAccountJourneys,
  listPlayJourneys,
} from './read-journeys.ts';
import { removeAllJourneys, removeJourney } from './remove-journey.ts';

const tags = ['journeys'];
const idParams = z.object({ id: z.uuid() });
const page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

const durationUntil = z.string().describe('When the wait ends (ISO 8601)');
/** journeys.waiting_for: what the current step waits for (plays/journeys/steps.ts WaitingFor). */
export const waitingForSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('time'), until: durationUntil }),
    z.object({
      kind: z.literal('task_completed'),
      taskIds: z.array(z.uuid()),
      outcomes: z.array(z.string()).optional(),
      until: durationUntil.describe('When time runs out (ISO 8601)'),
    }),
    z.object({
      kind: z.literal('criteria'),
      until: durationUntil.describe('When time runs out (ISO 8601)'),
    }),
  ])
  .nullable()
  .meta({ id: 'JourneyWaitingFor' });

export const journeySchema = z
  .object({
    id: z.uuid(),
    playId: z.uuid(),
    playName: z.string(),
    playVersion: z.number().int(),
    recordId: z.uuid().describe('The account or contact in the journey'),
    recordName: z.string().nullable(),
    accountId: z.uuid(),
    accountName: z.string().nullable(),
    holdout: z.boolean().describe('Held out at entry: recorded, no steps run'),
    status: z.enum(['running', 'ended']),
    stepId: z.string().nullable().describe('The step it is on (null once ended)'),
    visit: z.number().int().describe('Visit of the current step (a "go to" loop visits it again)'),
    stepStartedAt: z.string().nullable(),
    wakeAt: z.string().nullable().describe('When the journey is looked at again'),
    waitingFor: waitingForSchema,
    enteredAt: z.string(),
    endedAt: z.string().nullable(),
    endReason: z
      .enum(['end', 'exit_criteria', 'left_trigger', 'removed', 'holdout', 'play_deleted'])
      .nullable(),
    endedBy: z.uuid().nullable().describe('The user who removed it'),
  })
  .meta({ id: 'Journey' });

const journeyStepSchema = z.object({
  stepId: z.string(),
  visit: z.number().int(),
  at: z.string(),
  runId: z.uuid().nullable().describe("An action step's run (its per-record results)"),
  result: z
    .record(z.string(), z.unknown())
    .describe(
      'What the step did: `summary` in words, `next` step, and per kind `path`, `met`, `timedOut`',
    ),
});

const listOut = z.object({ data: z.array(journeySchema), nextCursor: z.string().nullable() });

export async function journeyRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/plays/:id/journey-steps',
    {
      schema: {
        tags,
        summary: 'How many journeys are at each step of a play (advanced)',
        params: idParams,
        response: {
          200: z.object({
            steps: z.array(
              z.object({
                stepId: z.string(),
                active: z.number().int().describe('Running journeys on this step now'),
                waiting: z.number().int().describe('Of those, waiting (time, a task or criteria)'),
                done: z.number().int().describe('Times the step ran (every visit)'),
              }),
            ),
            totals: z.object({
              entered: z.number().int(),
              running: z.number().int(),
              ended: z.number().int().describe('Ended, held-out journeys not included'),
              holdout: z.number().int(),
            }),
          }),
        },
      },
    },
    async (req) => journeyStepCounts(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/plays/:id/journeys',
    {
      schema: {
        tags,
        summary: "A play's journeys, newest entry first (advanced)",
        params: idParams,
        querystring: page.extend({
          status: z.enum(['running', 'ended']).optional(),
          stepId: z.string().max(40).optional(),
        }),
        response: { 200: listOut },
      },
    },
    async (req) => listPlayJourneys(deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/journeys/:id',
    {
      schema: {
        tags,
        summary: 'One journey and what each of its steps did (advanced)',
        params: idParams,
        response: { 200: journeySchema.extend({ steps: z.array(journeyStepSchema) }) },
      },
    },
    async (req) => getJourney(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/accounts/:id/journeys',
    {
      schema: {
        tags,
        summary: "An account's journeys and its contacts' (advanced)",
        params: idParams,
        querystring: page,
        response: { 200: listOut },
      },
    },
    async (req) => listAccountJourneys(deps, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/v1/journeys/:id/remove',
    {
      schema: {
        tags,
        summary:
          "Take the record out of the journey (advanced); the play's exit rule says what happens to its open tasks",
        params: idParams,
        response: { 200: journeySchema.extend({ steps: z.array(journeyStepSchema) }) },
      },
    },
    async (req) => removeJourney(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/plays/:id/journeys/remove',
    {
      schema: {
        tags,
        summary:
          "Take every record you may see out of the play's running journeys (advanced), e.g. after disabling it; the play's exit rule says what happens to their open tasks",
        params: idParams,
        response: {
          200: z.object({ removed: z.number().int().describe('Journeys that ended') }),
        },
      },
    },
    async (req) => removeAllJourneys(deps, actorOf(req), req.params.id),
  );
}
