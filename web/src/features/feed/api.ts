// My feed (SPEC §9): the unread count for the bell, the items newest first, marking them read.
// Live: the stream's `feed` event (features/live) invalidates the 'feed' key.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, okAs, type Page } from '@/lib/api-client';
import type { FeedItem } from '../../../../src/feed/kinds.ts';

export type { FeedItem };

const countKey = ['feed', 'unread-count'];

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: countKey,
    enabled,
    queryFn: ({ signal }) => ok(client.GET('/api/v1/feed/unread-count', { signal })),
  });
}

export function useFeed(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['feed', 'items'],
    enabled,
    queryFn: ({ pageParam, signal }) =>
      okAs<Page<FeedItem>>(
        client.GET('/api/v1/feed', { params: { query: { cursor: pageParam, limit: 30 } }, signal }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Marks the named items (or all) read; the count comes back in the answer. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      ok(client.POST('/api/v1/feed/read', { body })),
    onSuccess: (answer) => {
      qc.setQueryData(countKey, answer);
      void qc.invalidateQueries({ queryKey: ['feed', 'items'] });
    },
  });
}
