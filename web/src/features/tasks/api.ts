// Tasks API: work lists, the collection, one task, and every write. Paths match src/tasks/routes.ts.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, withQuery, type Query } from '@/lib/api-client';
import type { AssigneeIn, BulkInput, BulkResult, CompleteInput, Priority, TaskDetail, TaskFilters, TaskPage } from './types';

export const taskPaths = {
  collection: '/api/v1/tasks',
  mine: '/api/v1/me/work',
  account: (accountId: string) => `/api/v1/accounts/${accountId}/work`,
  one: (id: string) => `/api/v1/tasks/${id}`,
  requestInfo: '/api/v1/tasks/request-info',
  complete: (id: string) => `/api/v1/tasks/${id}/complete`,
  submitForm: (id: string) => `/api/v1/tasks/${id}/form`,
  reassignDynamic: (id: string) => `/api/v1/tasks/${id}/reassign-dynamic`,
  bulk: '/api/v1/tasks/bulk',
  exportCsv: '/api/v1/tasks/export.csv',
};

/** Everything task-shaped is refreshed after any task write (lists, counts, account widgets, timelines). */
export function invalidateTasks(qc: QueryClient) {
  for (const key of ['tasks', 'task', 'accounts', 'account', 'timeline', 'segment-work']) void qc.invalidateQueries({ queryKey: [key] });
}

export type WorkScope = { kind: 'mine' } | { kind: 'account'; accountId: string };
export type WorkStatus = 'open' | 'completed' | 'all';

export function useWorkList(scope: WorkScope, status: WorkStatus) {
  const path = scope.kind === 'mine' ? taskPaths.mine : taskPaths.account(scope.accountId);
  return useInfiniteQuery({
    queryKey: ['tasks', 'work', scope, status],
    queryFn: ({ pageParam, signal }) => api.get<TaskPage>(path, { status, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTaskCollection(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'collection', filters],
    queryFn: ({ pageParam, signal }) => api.get<TaskPage>(taskPaths.collection, { ...(filters as Query), cursor: pageParam, limit: 100 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const exportUrl = (filters: TaskFilters) => {
  const { groupBy: _g, ...rest } = filters;
  return withQuery(taskPaths.exportCsv, rest as Query);
};

export function useTask(id: string | null) {
  return useQuery({
    queryKey: ['task', id],
    queryFn: ({ signal }) => api.get<TaskDetail>(taskPaths.one(id!), undefined, signal),
    enabled: Boolean(id),
  });
}

export type CreateTodoInput = {
  accountId: string; flowId: string; title: string; description: string; contactIds?: string[];
  assignee: AssigneeIn; dueDate: string; priority: Priority; outcomes?: string[];
};
export type RequestInfoInput = {
  accountId: string; formId: string; assignee: { userId?: string; roleId?: string }; dueDate: string; flowId: string; message?: string; priority?: Priority;
};

function useTaskMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateTasks(qc) });
}

export const useCreateTask = () => useTaskMutation((b: CreateTodoInput) => api.post<TaskDetail>(taskPaths.collection, b));
export const useRequestInfo = () => useTaskMutation((b: RequestInfoInput) => api.post<TaskDetail>(taskPaths.requestInfo, b));
export const useUpdateTask = (id: string) => useTaskMutation((b: Record<string, unknown> & { version: number }) => api.patch<TaskDetail>(taskPaths.one(id), b));
export const useDeleteTask = (id: string) => useTaskMutation(() => api.delete<void>(taskPaths.one(id)));
export const useCompleteTask = (id: string) => useTaskMutation((b: CompleteInput) => api.post<{ task: TaskDetail }>(taskPaths.complete(id), b));
export const useSubmitForm = (id: string) =>
  useTaskMutation((b: { version?: number; values: Record<string, unknown> }) => api.post<{ task: TaskDetail }>(taskPaths.submitForm(id), b));
export const useReassignDynamic = (id: string) => useTaskMutation(() => api.post<TaskDetail>(taskPaths.reassignDynamic(id), {}));
export const useBulkTasks = () => useTaskMutation((b: BulkInput) => api.post<BulkResult>(taskPaths.bulk, b));
