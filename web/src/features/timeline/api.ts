// Timeline: the append-only history of an account (or of my work), newest first.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '@/lib/api-client';

export type TimelineEvent = {
  id: string; type: string; taskId: string | null; userId: string | null;
  actor: { id: string; name: string } | null; account: { id: string; name: string } | null;
  payload: Record<string, unknown>; createdAt: string;
};

/** An account's timeline, my timeline, or one task's history (its account's events about that task, filtered by the API). */
export type TimelineScope = { accountId: string; taskId?: string } | { mine: true };

export const timelinePaths = {
  account: (id: string) => `/api/v1/accounts/${id}/timeline`,
  mine: '/api/v1/me/timeline',
};

export function useTimeline(scope: TimelineScope) {
  const path = 'accountId' in scope ? timelinePaths.account(scope.accountId) : timelinePaths.mine;
  const taskId = 'taskId' in scope ? scope.taskId : undefined;
  return useInfiniteQuery({
    queryKey: ['timeline', path, taskId ?? 'all'],
    queryFn: ({ pageParam, signal }) => api.get<Page<TimelineEvent>>(path, { cursor: pageParam, limit: 100, taskId }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
