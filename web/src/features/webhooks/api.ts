// Webhooks API: deliveries (list, one, replay) and the admin settings. Paths match src/webhooks/routes.ts.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type Page } from '@/lib/api-client';
import type { Delivery, DeliveryFilters, SigningSecret, WebhookSettings } from './types';

export const useDeliveries = (filters: DeliveryFilters) =>
  useInfiniteQuery({
    queryKey: ['webhook-deliveries', filters],
    queryFn: ({ pageParam, signal }) =>
      ok<Page<Delivery>>(
        client.GET('/api/v1/webhooks/deliveries', {
          params: { query: { ...filters, cursor: pageParam, limit: 50 } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDelivery = (id: string | null) =>
  useQuery({
    queryKey: ['webhook-deliveries', 'one', id],
    queryFn: ({ signal }) =>
      ok<Delivery>(
        client.GET('/api/v1/webhooks/deliveries/{id}', { params: { path: { id: id! } }, signal }),
      ),
    enabled: Boolean(id),
  });

export function useReplayDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok<Delivery>(
        client.POST('/api/v1/webhooks/deliveries/{id}/replay', { params: { path: { id } } }),
      ),
    onSuccess: (d) => {
      qc.setQueryData(['webhook-deliveries', 'one', d.id], d);
      void qc.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    },
  });
}

export const useAllowlist = () =>
  useQuery({
    queryKey: ['webhook-allowlist'],
    queryFn: () => ok(client.GET('/api/v1/webhooks/allowlist')),
  });
export const useWebhookSettings = () =>
  useQuery({
    queryKey: ['webhook-settings'],
    queryFn: () => ok<WebhookSettings>(client.GET('/api/v1/webhooks/settings')),
  });
/** Fetched only when an admin asks to see it, so the secret is not on screen by default. */
export const useSigningSecret = (shown: boolean) =>
  useQuery({
    queryKey: ['webhook-secret'],
    queryFn: () => ok<SigningSecret>(client.GET('/api/v1/webhooks/signing-secret')),
    enabled: shown,
    staleTime: 0,
    gcTime: 0,
  });

function useSettingsWrite<I, O>(fn: (i: I) => Promise<O>, key: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (out) => qc.setQueryData([key], out) });
}

export const useSaveAllowlist = () =>
  useSettingsWrite(
    (entries: string[]) => ok(client.PUT('/api/v1/webhooks/allowlist', { body: { entries } })),
    'webhook-allowlist',
  );
export const useSaveWebhookSettings = () =>
  useSettingsWrite(
    (b: WebhookSettings) =>
      ok<WebhookSettings>(client.PUT('/api/v1/webhooks/settings', { body: b })),
    'webhook-settings',
  );
export const useRotateSecret = () =>
  useSettingsWrite(
    () => ok<SigningSecret>(client.POST('/api/v1/webhooks/signing-secret/rotate')),
    'webhook-secret',
  );
