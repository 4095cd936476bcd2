// Team Spotlight API: the Work focus report and its drill-downs. Paths match src/spotlight/routes.ts.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';
import type {
  FocusMetric,
  FocusScope,
  FocusSlice,
  FocusTaskPage,
  OverdueAccount,
  WorkFocus,
} from './types';

/** The period as the API's query takes it (one of the offered day counts, as text). */
const period = (scope: FocusScope) => ({
  teamId: scope.teamId,
  days: String(scope.days) as '7' | '14' | '30' | '90' | '180' | '365',
});

// Keys start with 'tasks' so every task write (invalidateTasks) refreshes the report and its lists.
export const useWorkFocus = (scope: FocusScope) =>
  useQuery({
    queryKey: ['tasks', 'spotlight', scope],
    queryFn: ({ signal }) =>
      ok<WorkFocus>(
        client.GET('/api/v1/spotlight/work', { params: { query: period(scope) }, signal }),
      ),
    placeholderData: (prev) => prev,
  });

export const useFocusTasks = (scope: FocusScope, metric: FocusMetric | null, slice: FocusSlice) =>
  useInfiniteQuery({
    queryKey: ['tasks', 'spotlight-tasks', scope, metric, slice],
    queryFn: ({ pageParam, signal }) =>
      ok<FocusTaskPage>(
        client.GET('/api/v1/spotlight/work/tasks', {
          params: {
            query: { ...period(scope), metric: metric!, ...slice, cursor: pageParam, limit: 50 },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: metric !== null,
  });

export const useOverdueAccounts = (
  teamId: string | undefined,
  slice: FocusSlice,
  enabled: boolean,
) =>
  useInfiniteQuery({
    queryKey: ['tasks', 'spotlight-accounts', teamId, slice],
    queryFn: ({ pageParam, signal }) =>
      ok<{ data: OverdueAccount[]; nextCursor: string | null }>(
        client.GET('/api/v1/spotlight/work/overdue-accounts', {
          params: { query: { teamId, ...slice, cursor: pageParam, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
