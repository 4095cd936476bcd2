import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { search } from './search.ts';
import { searchQuery, searchResultSchema } from './schema.ts';

export async function searchRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search accounts, contacts and tasks you can see (names, e-mail, task title)',
        querystring: searchQuery,
        response: { 200: searchResultSchema },
      },
    },
    async (req) => search(deps, actorOf(req), req.query),
  );
}
