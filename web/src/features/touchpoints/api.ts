// Touchpoints API: log an interaction on an account (the account timeline shows it) and the types a
// touchpoint may have (the built-in four and the workspace's own, managed in Settings → Touchpoint types).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type RequestBody } from '@/lib/api-client';

export type NewTouchpoint = RequestBody<'/api/v1/accounts/{id}/touchpoints', 'post'>;
export type Touchpoint = { id: string; accountId: string; subject: string };
export type TouchpointTypeItem = {
  id: string | null;
  key: string;
  label: string;
  builtIn: boolean;
  archived: boolean;
};

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

/** Types offered for a new touchpoint; with `includeArchived` also the archived ones (Settings). */
export const useTouchpointTypes = (includeArchived = false) =>
  useQuery({
    queryKey: ['touchpoint-types', includeArchived],
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      (
        await ok(
          client.GET('/api/v1/touchpoint-types', {
            params: { query: includeArchived ? { includeArchived: 'true' } : {} },
            signal,
          }),
        )
      ).data as TouchpointTypeItem[],
  });

export function useAddTouchpointType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => ok(client.POST('/api/v1/touchpoint-types', { body: { label } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['touchpoint-types'] }),
  });
}

export function useUpdateTouchpointType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; label?: string; archived?: boolean }) =>
      ok(client.PATCH('/api/v1/touchpoint-types/{id}', { params: { path: { id } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['touchpoint-types'] }),
  });
}
