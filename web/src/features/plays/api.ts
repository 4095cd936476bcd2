// Plays API: list, one, save, enable/disable, dry run, manual run, runs and their results, effectiveness, webhook test.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '@/lib/api-client';
import type { DryRun, Effectiveness, Play, Run, RunCounts, RunResult, WebhookDef, WebhookTestResult } from './types';

const p = {
  list: '/api/v1/plays', one: (id: string) => `/api/v1/plays/${id}`, enable: (id: string) => `/api/v1/plays/${id}/enable`,
  disable: (id: string) => `/api/v1/plays/${id}/disable`, dryRun: (id: string) => `/api/v1/plays/${id}/dry-run`,
  run: (id: string) => `/api/v1/plays/${id}/run`, runs: (id: string) => `/api/v1/plays/${id}/runs`,
  results: (id: string, runId: string) => `/api/v1/plays/${id}/runs/${runId}/results`,
  effectiveness: (id: string) => `/api/v1/plays/${id}/effectiveness`, webhookTest: '/api/v1/webhooks/test',
};

export const usePlays = () => useQuery({ queryKey: ['plays'], queryFn: () => api.get<Page<Play>>(p.list, { limit: 500 }).then((r) => r.data) });
export const usePlay = (id: string | null) => useQuery({ queryKey: ['play', id], queryFn: () => api.get<Play>(p.one(id!)), enabled: Boolean(id) });

function usePlayMutation<I, O>(fn: (i: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (out) => {
      if (out && typeof out === 'object' && 'id' in out && 'actions' in out) qc.setQueryData(['play', (out as unknown as Play).id], out);
      void qc.invalidateQueries({ queryKey: ['plays'] });
      void qc.invalidateQueries({ queryKey: ['play-runs'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export const useSavePlay = (id: string | null) => usePlayMutation((body: Record<string, unknown>) => (id ? api.patch<Play>(p.one(id), body) : api.post<Play>(p.list, body)));
export const useEnablePlay = (id: string) => usePlayMutation((fireNow: boolean) => api.post<Play>(p.enable(id), { fireNow }));
export const useDisablePlay = (id: string) => usePlayMutation(() => api.post<Play>(p.disable(id), {}));
export const useDeletePlay = (id: string) => usePlayMutation(() => api.delete<void>(p.one(id)));
export const useDryRun = (id: string) => useMutation({ mutationFn: () => api.post<DryRun>(p.dryRun(id), {}) });
export const useRunPlay = (id: string) =>
  usePlayMutation((body: { segmentId?: string; accountIds?: string[] }) => api.post<{ runId: string; counts: RunCounts }>(p.run(id), body));
export const useRuns = (id: string) => useQuery({ queryKey: ['play-runs', id], queryFn: () => api.get<Page<Run>>(p.runs(id), { limit: 50 }).then((r) => r.data) });
export const useRunResults = (id: string, runId: string | null) =>
  useQuery({ queryKey: ['play-runs', id, runId], queryFn: () => api.get<Page<RunResult> & { run: Run }>(p.results(id, runId!), { limit: 200 }), enabled: Boolean(runId) });
export const useEffectiveness = (id: string, windowDays: number) =>
  useQuery({ queryKey: ['play-effectiveness', id, windowDays], queryFn: () => api.get<Effectiveness>(p.effectiveness(id), { windowDays, weeks: 12 }) });
export const useTestWebhook = () =>
  useMutation({ mutationFn: (body: { webhook?: WebhookDef; playId?: string; actionId?: string; accountId?: string }) => api.post<WebhookTestResult>(p.webhookTest, body) });
