// Webhooks API: deliveries (list, one, replay) and the admin settings. Paths match src/webhooks/routes.ts.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page, type Query } from '@/lib/api-client';
import type { Delivery, DeliveryFilters, SigningSecret, WebhookSettings } from './types';

const p = {
  deliveries: '/api/v1/webhooks/deliveries', one: (id: string) => `/api/v1/webhooks/deliveries/${id}`,
  replay: (id: string) => `/api/v1/webhooks/deliveries/${id}/replay`, allowlist: '/api/v1/webhooks/allowlist',
  settings: '/api/v1/webhooks/settings', secret: '/api/v1/webhooks/signing-secret', rotate: '/api/v1/webhooks/signing-secret/rotate',
};

export const useDeliveries = (filters: DeliveryFilters) =>
  useInfiniteQuery({
    queryKey: ['webhook-deliveries', filters],
    queryFn: ({ pageParam, signal }) => api.get<Page<Delivery>>(p.deliveries, { ...(filters as Query), cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDelivery = (id: string | null) =>
  useQuery({ queryKey: ['webhook-deliveries', 'one', id], queryFn: ({ signal }) => api.get<Delivery>(p.one(id!), undefined, signal), enabled: Boolean(id) });

export function useReplayDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Delivery>(p.replay(id), {}),
    onSuccess: (d) => {
      qc.setQueryData(['webhook-deliveries', 'one', d.id], d);
      void qc.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    },
  });
}

export const useAllowlist = () => useQuery({ queryKey: ['webhook-allowlist'], queryFn: () => api.get<{ entries: string[] }>(p.allowlist) });
export const useWebhookSettings = () => useQuery({ queryKey: ['webhook-settings'], queryFn: () => api.get<WebhookSettings>(p.settings) });
/** Fetched only when an admin asks to see it, so the secret is not on screen by default. */
export const useSigningSecret = (shown: boolean) =>
  useQuery({ queryKey: ['webhook-secret'], queryFn: () => api.get<SigningSecret>(p.secret), enabled: shown, staleTime: 0, gcTime: 0 });

function useSettingsWrite<I, O>(fn: (i: I) => Promise<O>, key: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (out) => qc.setQueryData([key], out) });
}

export const useSaveAllowlist = () => useSettingsWrite((entries: string[]) => api.put<{ entries: string[] }>(p.allowlist, { entries }), 'webhook-allowlist');
export const useSaveWebhookSettings = () => useSettingsWrite((b: WebhookSettings) => api.put<WebhookSettings>(p.settings, b), 'webhook-settings');
export const useRotateSecret = () => useSettingsWrite(() => api.post<SigningSecret>(p.rotate, {}), 'webhook-secret');
