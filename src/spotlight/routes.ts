import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { listFocusTasks } from './list-focus-tasks.ts';
import { listOverdueAccounts } from './list-overdue-accounts.ts';
import {
  focusTaskPage,
  focusTasksQuery,
  overdueAccountsQuery,
  overdueAccountsResponse,
  workFocusQuery,
  workFocusResponse,
} from './schema.ts';
import { getWorkFocus } from './work-focus.ts';

const tags = ['spotlight'];

/** Team Spotlight → Work focus (SPEC §9): the report and its two drill-downs. */
export async function spotlightRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/spotlight/work',
    {
      schema: {
        tags,
        summary:
          'Work focus: tasks created, completed, completed on time, overdue and open for a team or each member, by flow, role and day',
        querystring: workFocusQuery,
        response: { 200: workFocusResponse },
      },
    },
    async (req) => getWorkFocus(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/spotlight/work/tasks',
    {
      schema: {
        tags,
        summary:
          'Work focus drill-down: the tasks behind one count (optionally one member, flow or role), in work order',
        querystring: focusTasksQuery,
        response: { 200: focusTaskPage },
      },
    },
    async (req) => listFocusTasks(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/spotlight/work/overdue-accounts',
    {
      schema: {
        tags,
        summary: 'Work focus drill-down: accounts with overdue tasks, most overdue first',
        querystring: overdueAccountsQuery,
        response: { 200: overdueAccountsResponse },
      },
    },
    async (req) => listOverdueAccounts(deps, actorOf(req), req.query),
  );
}
