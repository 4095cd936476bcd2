import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { playEffectiveness } from './effectiveness.ts';
import { effectivenessQuery, effectivenessResponse } from './schema.ts';

export async function reportRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/plays/:id/effectiveness',
    {
      schema: {
        tags: ['reports'],
        summary: 'Play effectiveness score (0–100) with its parts, outcomes and a weekly series',
        params: z.object({ id: z.uuid() }),
        querystring: effectivenessQuery,
        response: { 200: effectivenessResponse },
      },
    },
    async (req) => playEffectiveness(deps, actorOf(req), req.params.id, req.query),
  );
}
