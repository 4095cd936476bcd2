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

/** Everything task-shaped is refreshed after any task write (lists, counts, account widgets, timelines). */
export function invalidateTasks(qc: QueryClient) {
  for (const key of ['tasks', 'task', 'accounts', 'account', 'timeline'])
    void qc.invalidateQueries({ queryKey: [key] });
}

/** Whose work a work list shows; a segment's is the tasks collection filtered by `segmentId`. */
export type WorkScope =
  | { kind: 'mine' }
  | { kind: 'account'; accountId: string }
  | { kind: 'segment'; segmentId: string };
export type WorkStatus = 'open' | 'completed' | 'all';

function workPage(scope: WorkScope, status: WorkStatus, cursor?: string, signal?: AbortSignal) {
  const query = { status, cursor, limit: 50 };
  switch (scope.kind) {
    case 'mine':
      return ok<TaskPage>(client.GET('/api/v1/me/work', { params: { query }, signal }));
    case 'account':
      return ok<TaskPage>(
        client.GET('/api/v1/accounts/{id}/work', {
          params: { path: { id: scope.accountId }, query },
          signal,
        }),
      );
    case 'segment':
      return ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: { query: { ...query, segmentId: scope.segmentId } },
          signal,
        }),
      );
  }
}

export function useWorkList(scope: WorkScope, status: WorkStatus) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'work', scope, status],
    queryFn: ({ pageParam, signal }) => workPage(scope, status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Exact open / overdue / completed counts over a filtered set (the collection's status groups). */
export function useTaskCounts(filters: TaskFilters, enabled = true) {
  return useQuery({
    queryKey: ['tasks', 'counts', filters],
    queryFn: async ({ signal }) => {
      const groups = (query: TaskFilters) =>
        ok<TaskPage>(
          client.GET('/api/v1/tasks', {
            params: { query: { ...query, groupBy: 'status', limit: 1 } },
            signal,
          }),
        ).then((p) => new Map((p.groups ?? []).map((g) => [g.key, g.count])));
      const [all, late] = await Promise.all([
        groups({ ...filters, status: 'all' }),
        groups({ ...filters, due: 'overdue' }),
      ]);
      return {
        open: all.get('open') ?? 0,
        completed: all.get('completed') ?? 0,
        overdue: late.get('open') ?? 0,
      };
    },
    enabled,
  });
}

export function useTaskCollection(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'collection', filters],
    queryFn: ({ pageParam, signal }) =>
      ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: { query: { ...filters, cursor: pageParam, limit: 100 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const exportUrl = (filters: TaskFilters) => {
  const { groupBy: _g, ...rest } = filters;
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
