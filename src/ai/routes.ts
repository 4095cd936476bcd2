import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { aiAvailability, draftDescription } from './draft-description.ts';

const tags = ['ai'];
const draftBody = z
  .object({
    accountId: z.uuid(),
    title: z.string().trim().min(1).max(500).describe('The task title the description is for'),
  })
  .strict();

export async function aiRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/ai/status',
    {
      schema: {
        tags,
        summary: 'Whether "Draft with AI" is available to the caller, and why not',
        response: { 200: z.object({ available: z.boolean(), reason: z.string().nullable() }) },
      },
    },
    async (req) => aiAvailability(deps, actorOf(req)),
  );

  app.post(
    '/api/v1/ai/description-drafts',
    {
      schema: {
        tags,
        summary:
          "Propose a task description (sanitized HTML) from the account's data and the title; nothing is saved",
        body: draftBody,
        response: { 200: z.object({ description: z.string() }) },
      },
      // Each draft costs a model call: a person needs a few a minute, a loop gets cut off.
      config: {
        rateLimit: {
          max: 20,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => `ai|${req.actor?.userId ?? req.ip}`,
        },
      },
    },
    async (req) => draftDescription(deps, actorOf(req), req.body),
  );
}
