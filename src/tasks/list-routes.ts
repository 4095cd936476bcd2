import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { bulkTasks } from './bulk-tasks.ts';
import { assignableOut, listAssignable } from './assignable.ts';
import type { SQL } from 'drizzle-orm';
import { segmentAccountIdsSql } from '../segments/segment-accounts.ts';
import { exportTasksCsv } from './export-csv.ts';
import { listAccountWork, listMyWork, listTasks } from './list-tasks.ts';
import { workspaceToday } from '../workspaces/workspace-today.ts';
import {
  bulkBody,
  bulkResult,
  exportTasksQuery,
  listTasksQuery,
  taskPage,
  workListQuery,
} from './schema.ts';

const tags = ['tasks'];

/** Task lists: the collection (filters, groups), its CSV export, My Work, Account Work, and bulk actions. */
/** `segmentId` narrows a task list to the accounts of a segment (evaluated live). */
async function withSegment<Q extends { segmentId?: string }>(
  deps: Deps,
  actor: Actor,
  query: Q,
): Promise<Q & { accountIdsSql?: SQL }> {
  return query.segmentId
    ? { ...query, accountIdsSql: await segmentAccountIdsSql(deps, actor, query.segmentId) }
    : query;
}

export async function taskListRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary:
          'Tasks collection: filter, group (counts over the whole filtered set) and page in work order',
        querystring: listTasksQuery,
        response: { 200: taskPage },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return listTasks(deps, actor, await withSegment(deps, actor, req.query));
    },
  );

  app.get(
    '/api/v1/tasks/export.csv',
    {
      schema: {
        tags,
        summary: 'The filtered tasks collection as CSV (formula-injection safe)',
        querystring: exportTasksQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { today } = await workspaceToday(deps.db, actor.workspaceId, deps.clock.now());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tasks-${today}.csv"`)
        .send(
          Readable.from(exportTasksCsv(deps, actor, await withSegment(deps, actor, req.query))),
        );
    },
  );

  app.get(
    '/api/v1/me/work',
    {
      schema: {
        tags,
        summary:
          'My Portfolio → Work: tasks assigned to me, in work order (completed only: newest first)',
        querystring: workListQuery,
        response: { 200: taskPage },
      },
    },
    async (req) => listMyWork(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/accounts/:id/work',
    {
      schema: {
        tags,
        summary:
          'Account → Work: the tasks on one account, in work order (completed only: newest first)',
        params: z.object({ id: z.uuid() }),
        querystring: workListQuery,
        response: { 200: taskPage },
      },
    },
    async (req) => listAccountWork(deps, actorOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/v1/accounts/:id/assignable',
    {
      schema: {
        tags,
        summary:
          "Who a task on this account can be assigned to: users who can see it (its teams' members and admins), then account roles with their holder here, then the account's contacts",
        params: z.object({ id: z.uuid() }),
        response: { 200: assignableOut },
      },
    },
    async (req) => listAssignable(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/tasks/bulk',
    {
      schema: {
        tags,
        summary:
          'Bulk complete / reassign / reschedule / cancel / remind; each task in its own transaction',
        body: bulkBody,
        response: { 200: bulkResult },
      },
    },
    async (req) => ({ results: await bulkTasks(deps, actorOf(req), req.body) }),
  );
}
