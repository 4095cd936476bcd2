// Timeline: the append-only history of an account (or of my work), newest first.
import { useInfiniteQuery } from '@tanstack/react-query';
import { client, okAs, type Page } from '@/lib/api-client';
import type { TimelineEvent as SharedTimelineEvent } from '../../../../src/timeline/events.ts';

/** One entry as the API lists it: where and by whom, plus the typed event (`type` + payload) shared with the server. */
export type TimelineEvent = {
  id: string;
  taskId: string | null;
  userId: string | null;
  actor: { id: string; name: string } | null;
  account: { id: string; name: string } | null;
  createdAt: string;
} & SharedTimelineEvent;

/** An account's timeline, my timeline, or one task's history (its account's events about that task, filtered by the API). */
export type TimelineScope = { accountId: string; taskId?: string } | { mine: true };

export function useTimeline(scope: TimelineScope) {
  const accountId = 'accountId' in scope ? scope.accountId : null;
  const taskId = 'taskId' in scope ? scope.taskId : undefined;
  return useInfiniteQuery({
    queryKey: ['timeline', accountId ?? 'mine', taskId ?? 'all'],
    queryFn: ({ pageParam, signal }) => {
      const query = { cursor: pageParam, limit: 100, taskId };
      return okAs<Page<TimelineEvent>>(
        accountId
          ? client.GET('/api/v1/accounts/{id}/timeline', {
              params: { path: { id: accountId }, query },
              signal,
            })
          : client.GET('/api/v1/me/timeline', { params: { query }, signal }),
      );
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
