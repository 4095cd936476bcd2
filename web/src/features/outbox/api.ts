// E-mail outbox (admin): what the app sent or would send. Path matches src/workspaces/routes.ts.
import { useInfiniteQuery } from '@tanstack/react-query';
import { client, ok, type Page } from '@/lib/api-client';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'outbox';
export const outboxStatuses: OutboxStatus[] = ['pending', 'sent', 'failed', 'outbox'];
export type OutboxEmail = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

export const useOutbox = (status: OutboxStatus | undefined) =>
  useInfiniteQuery({
    queryKey: ['outbox', status ?? null],
    queryFn: ({ pageParam, signal }) =>
      ok<Page<OutboxEmail>>(
        client.GET('/api/v1/outbox', {
          params: { query: { status, cursor: pageParam, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
