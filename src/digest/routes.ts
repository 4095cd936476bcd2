import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { getDigest, setDigest } from './manage-digest.ts';

const tags = ['notifications'];
const digestSchema = z.object({
  hour: z
    .number()
    .int()
    .min(0)
    .max(23)
    .nullable()
    .describe(
      "Local hour (0–23, my time zone, else the workspace's) the digest goes out; null = off",
    ),
});

export async function digestRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/me/digest',
    {
      schema: { tags, summary: 'My daily digest e-mail setting', response: { 200: digestSchema } },
    },
    async (req) => getDigest(deps, actorOf(req)),
  );

  app.put(
    '/api/v1/me/digest',
    {
      schema: {
        tags,
        summary: 'Turn my daily digest on at a local hour, or off (hour: null)',
        body: digestSchema.strict(),
        response: { 200: digestSchema },
      },
    },
    async (req) => setDigest(deps, actorOf(req), req.body),
  );
}
