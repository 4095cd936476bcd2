// Tasks API: work lists, the collection, one task, and every write. Paths match src/tasks/routes.ts.
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { client, linkTo, ok, type Query, type RequestBody } from '@/lib/api-client';
import type {
  AssigneeIn,
  BulkInput,
  BulkResult,
  CompleteInput,
  Priority,
  TaskDetail,
  TaskFilters,
  TaskPage,
} from './types';
import { workQuery, type WorkScope, type WorkView } from './work-filters';

/** Everything task-shaped is refreshed after any task write (lists, counts, account widgets, timelines). */
export function invalidateTasks(qc: QueryClient) {
  for (const key of ['tasks', 'task', 'accounts', 'account', 'timeline'])
    void qc.invalidateQueries({ queryKey: [key] });
}

/**
 * One work list (My Portfolio, Account → Work, Segment → Work): the tasks collection for a scope and
 * the view in the URL; the first page also carries exact totals over the whole filtered set.
 */
export function useWorkList(
  scope: WorkScope,
  view: WorkView,
  extra: TaskFilters = {},
  limit = 50,
  enabled = true,
) {
  const query = { ...workQuery(scope, view), ...extra };
  return useInfiniteQuery({
    enabled,
    queryKey: ['tasks', 'work', query, limit],
    queryFn: ({ pageParam, signal }) =>
      ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: {
            query: {
              ...query,
              cursor: pageParam,
              limit,
              include: pageParam ? undefined : 'counts',
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Exact totals over the whole filtered set without a page of rows (grouped work lists). */
export function useWorkTotals(scope: WorkScope, view: WorkView, enabled: boolean) {
  const query = workQuery(scope, view);
  return useQuery({
    queryKey: ['tasks', 'totals', query],
    queryFn: ({ signal }) =>
      ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: { query: { ...query, limit: 1, include: 'counts' } },
          signal,
        }),
      ).then((p) => p.counts),
    enabled,
  });
}

/** Counts per group over the whole filtered set (grouped work lists). */
export function useWorkGroups(scope: WorkScope, view: WorkView) {
  const query = workQuery(scope, view);
  return useQuery({
    queryKey: ['tasks', 'groups', query, view.group],
    queryFn: ({ signal }) =>
      ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: { query: { ...query, groupBy: view.group, limit: 1 } },
          signal,
        }),
      ).then((p) => p.groups ?? []),
    enabled: Boolean(view.group),
  });
}

export const exportUrl = (filters: TaskFilters) => {
  // The export is the filtered set in work order: no grouping, sort or paging.
  const { groupBy: _g, sort: _s, dir: _d, ...rest } = filters;
  return linkTo('/api/v1/tasks/export.csv', {}, rest as Query);
};

export function useTask(id: string | null) {
  return useQuery({
    queryKey: ['task', id],
    queryFn: ({ signal }) =>
      ok<TaskDetail>(client.GET('/api/v1/tasks/{id}', { params: { path: { id: id! } }, signal })),
    enabled: Boolean(id),
  });
}

export type CreateTodoInput = {
  accountId: string;
  flowId: string;
  title: string;
  description: string;
  contactIds?: string[];
  assignee: AssigneeIn;
  dueDate: string;
  priority: Priority;
  outcomes?: string[];
};
export type RequestInfoInput = {
  accountId: string;
  formId: string;
  assignee: { userId?: string; roleId?: string };
  dueDate: string;
  flowId: string;
  message?: string;
  priority?: Priority;
};

function useTaskMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateTasks(qc) });
}

export type TaskPatch = RequestBody<'/api/v1/tasks/{id}', 'patch'>;
const byId = (id: string) => ({ params: { path: { id } } });

export const useCreateTask = () =>
  useTaskMutation((body: CreateTodoInput) =>
    ok<TaskDetail>(client.POST('/api/v1/tasks', { body })),
  );
export const useRequestInfo = () =>
  useTaskMutation((body: RequestInfoInput) =>
    ok<TaskDetail>(client.POST('/api/v1/tasks/request-info', { body })),
  );
export const useUpdateTask = (id: string) =>
  useTaskMutation((body: TaskPatch) =>
    ok<TaskDetail>(client.PATCH('/api/v1/tasks/{id}', { ...byId(id), body })),
  );
export const useDeleteTask = (id: string) =>
  useTaskMutation(() => ok(client.DELETE('/api/v1/tasks/{id}', byId(id))));
export const useCompleteTask = (id: string) =>
  useTaskMutation((body: CompleteInput) =>
    ok<{ task: TaskDetail }>(client.POST('/api/v1/tasks/{id}/complete', { ...byId(id), body })),
  );
export const useSubmitForm = (id: string) =>
  useTaskMutation((body: { version?: number; values: Record<string, unknown> }) =>
    ok<{ task: TaskDetail }>(client.POST('/api/v1/tasks/{id}/form', { ...byId(id), body })),
  );
export const useReassignDynamic = (id: string) =>
  useTaskMutation(() => ok(client.POST('/api/v1/tasks/{id}/reassign-dynamically', byId(id))));
export const useBulkTasks = () =>
  useTaskMutation((body: BulkInput) => ok<BulkResult>(client.POST('/api/v1/tasks/bulk', { body })));
