// "Draft with AI": whether it is available to me, and one proposed description (nothing is saved).
import { useMutation, useQuery } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';

export function useAiStatus() {
  return useQuery({
    queryKey: ['ai-status'],
    queryFn: ({ signal }) => ok(client.GET('/api/v1/ai/status', { signal })),
    staleTime: 60_000,
  });
}

export function useDraftDescription() {
  return useMutation({
    mutationFn: (body: { accountId: string; title: string }) =>
      ok(client.POST('/api/v1/ai/description-drafts', { body })),
  });
}
