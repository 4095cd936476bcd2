// Touchpoints API: log an interaction on an account (the account timeline shows it).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { client, ok, type RequestBody } from '@/lib/api-client';

export type NewTouchpoint = RequestBody<'/api/v1/accounts/{id}/touchpoints', 'post'>;
export type Touchpoint = { id: string; accountId: string; subject: string };

export function useLogTouchpoint() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, body }: { accountId: string; body: NewTouchpoint }) =>
      ok<Touchpoint>(
        client.POST('/api/v1/accounts/{id}/touchpoints', {
          params: { path: { id: accountId } },
          body,
        }),
      ),
    onSuccess: (_t, v) => void qc.invalidateQueries({ queryKey: ['timeline', v.accountId] }),
  });
}
