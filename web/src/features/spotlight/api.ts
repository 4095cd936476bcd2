// Team Spotlight API: the Work focus report and its drill-downs. Paths match src/spotlight/routes.ts.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Query } from '@/lib/api-client';
import type { FocusMetric, FocusScope, FocusSlice, FocusTaskPage, OverdueAccount, WorkFocus } from './types';

const p = { work: '/api/v1/spotlight/work', tasks: '/api/v1/spotlight/work/tasks', overdueAccounts: '/api/v1/spotlight/work/overdue-accounts' };

// Keys start with 'tasks' so every task write (invalidateTasks) refreshes the report and its lists.
export const useWorkFocus = (scope: FocusScope) =>
  useQuery({
    queryKey: ['tasks', 'spotlight', scope],
    queryFn: ({ signal }) => api.get<WorkFocus>(p.work, scope as Query, signal),
    placeholderData: (prev) => prev,
  });

export const useFocusTasks = (scope: FocusScope, metric: FocusMetric | null, slice: FocusSlice) =>
  useInfiniteQuery({
    queryKey: ['tasks', 'spotlight-tasks', scope, metric, slice],
    queryFn: ({ pageParam, signal }) => api.get<FocusTaskPage>(p.tasks, { ...scope, metric, ...slice, cursor: pageParam, limit: 50 } as Query, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: metric !== null,
  });

export const useOverdueAccounts = (teamId: string | undefined, slice: FocusSlice, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: ['tasks', 'spotlight-accounts', teamId, slice],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ data: OverdueAccount[]; nextCursor: string | null }>(p.overdueAccounts, { teamId, ...slice, cursor: pageParam, limit: 50 } as Query, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
