import { z } from 'zod';
import type { Deps } from '../context.ts';
import { actorOf, type App } from '../http/app.ts';
import { playEffectiveness } from './effectiveness.ts';

const nullableShare = z.number().min(0).max(1).nullable();

export async function reportRoutes(app: App, deps: Deps) {
  app.get('/api/v1/plays/:id/effectiveness', {
    schema: {
      tags: ['reports'], summary: 'Play effectiveness score (0–100) with its parts, outcomes and a weekly series',
      params: z.object({ id: z.uuid() }),
      querystring: z.object({ windowDays: z.coerce.number().int().min(1).max(365).default(30), weeks: z.coerce.number().int().min(1).max(104).default(12) }),
      response: { 200: z.object({
        playId: z.uuid(), windowDays: z.number(), score: z.number().int().nullable(),
        parts: z.object({ completedShare: nullableShare, onTimeShare: nullableShare, goalShare: nullableShare }),
        counts: z.object({ firedTasks: z.number(), completed: z.number(), completedOnTime: z.number(), targets: z.number(), reachedGoal: z.number() }),
        outcomes: z.array(z.object({ outcome: z.string().nullable(), count: z.number() })),
        series: z.array(z.object({ week: z.string(), fired: z.number(), completed: z.number(), completedOnTime: z.number(), score: z.number().nullable() })),
      }) },
    },
  }, async (req) => playEffectiveness(deps, actorOf(req), req.params.id, req.query));
}
