// My calendar feed: whether it is on, turn it on / new URL (shown once), turn it off.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';

const key = ['calendar-feed'];

export function useCalendarFeed() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => ok(client.GET('/api/v1/me/calendar-feed', { signal })),
  });
}

export function useCreateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok(client.POST('/api/v1/me/calendar-feed')),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok(client.DELETE('/api/v1/me/calendar-feed')),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
