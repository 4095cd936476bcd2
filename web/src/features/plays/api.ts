// Plays API: list, one, save, enable/disable, dry run, manual run, runs and their results, effectiveness, webhook test.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, okAs, type Page, type RequestBody } from '@/lib/api-client';
import type {
  DryRun,
  Effectiveness,
  Play,
  PlayListItem,
  Run,
  RunCounts,
  RunResult,
  WebhookDef,
  WebhookTestResult,
} from './types';
import { fetchVersion, withDefinition, type VersionedPlay } from './versions/api';

const byId = (id: string) => ({ params: { path: { id } } });

/** Plays are listed to advanced users and admins only; `enabled: false` keeps others from asking. */
export const usePlays = (enabled = true) =>
  useQuery({
    queryKey: ['plays'],
    enabled,
    queryFn: () =>
      okAs<Page<Play>>(client.GET('/api/v1/plays', { params: { query: { limit: 500 } } })).then(
        (r) => r.data,
      ),
  });
/** The plays list page's plays, each with its summary (owner, open tasks, last run, score): costlier, asked only there. */
export const usePlayList = () =>
  useQuery({
    queryKey: ['plays', 'summary'],
    queryFn: () =>
      okAs<Page<PlayListItem>>(
        client.GET('/api/v1/plays', { params: { query: { limit: 500, include: 'summary' } } }),
      ).then((r) => r.data),
  });
export const usePlay = (id: string | null) =>
  useQuery({
    queryKey: ['play', id],
    queryFn: () => okAs<VersionedPlay>(client.GET('/api/v1/plays/{id}', byId(id!))),
    enabled: Boolean(id),
  });

function usePlayMutation<I, O>(fn: (i: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (out) => {
      // Enable and disable answer the play without its draft: the draft is unchanged by them.
      if (out && typeof out === 'object' && 'id' in out && 'actions' in out)
        qc.setQueryData(['play', (out as unknown as Play).id], (old?: VersionedPlay) => ({
          ...out,
          draft: 'draft' in out ? (out as unknown as VersionedPlay).draft : (old?.draft ?? null),
        }));
      void qc.invalidateQueries({ queryKey: ['plays'] });
      void qc.invalidateQueries({ queryKey: ['play-runs'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** What the play builder saves: a new play (with its subject), or an update naming the version it read. */
export type PlaySave =
  RequestBody<'/api/v1/plays', 'post'> | RequestBody<'/api/v1/plays/{id}', 'patch'>;
/**
 * Saving an enabled play saves its draft (SPEC §5 versions): the page keeps the play in force and the
 * builder gets the draft's definition back, so it goes on editing what was saved.
 */
export const useSavePlay = (id: string | null) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: PlaySave): Promise<VersionedPlay> => {
      const saved = await okAs<VersionedPlay>(
        id
          ? client.PATCH('/api/v1/plays/{id}', { ...byId(id), body })
          : client.POST('/api/v1/plays', { body: body as RequestBody<'/api/v1/plays', 'post'> }),
      );
      const draft = saved.draft ? await fetchVersion(saved.id, saved.draft.number) : null;
      if (draft)
        qc.setQueryData(['play-versions', saved.id, draft.number, String(saved.version)], draft);
      qc.setQueryData(['play', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['plays'] });
      void qc.invalidateQueries({ queryKey: ['play-versions', saved.id] });
      return draft ? withDefinition(saved, draft.definition) : saved;
    },
  });
};
export const useEnablePlay = (id: string) =>
  usePlayMutation((fireNow: boolean) =>
    okAs<Play>(client.POST('/api/v1/plays/{id}/enable', { ...byId(id), body: { fireNow } })),
  );
export const useDisablePlay = (id: string) =>
  usePlayMutation(() => okAs<Play>(client.POST('/api/v1/plays/{id}/disable', byId(id))));
export const useDeletePlay = (id: string) =>
  usePlayMutation(() => ok(client.DELETE('/api/v1/plays/{id}', byId(id))));
export const useDryRun = (id: string) =>
  useMutation({
    mutationFn: () => ok<DryRun>(client.POST('/api/v1/plays/{id}/dry-run', byId(id))),
  });
export const useRunPlay = (id: string) =>
  usePlayMutation((body: { segmentId?: string; accountIds?: string[] }) =>
    ok<{ runId: string; counts: RunCounts }>(
      client.POST('/api/v1/plays/{id}/run', { ...byId(id), body }),
    ),
  );
export const useRuns = (id: string) =>
  useQuery({
    queryKey: ['play-runs', id],
    queryFn: () =>
      ok<Page<Run>>(
        client.GET('/api/v1/plays/{id}/runs', { params: { path: { id }, query: { limit: 50 } } }),
      ).then((r) => r.data),
  });
export const useRunResults = (id: string, runId: string | null) =>
  useQuery({
    queryKey: ['play-runs', id, runId],
    queryFn: () =>
      ok<Page<RunResult> & { run: Run; hiddenRecords: number }>(
        client.GET('/api/v1/plays/{id}/runs/{runId}/results', {
          params: { path: { id, runId: runId! }, query: { limit: 200 } },
        }),
      ),
    enabled: Boolean(runId),
  });
export const useEffectiveness = (id: string, windowDays: number) =>
  useQuery({
    queryKey: ['play-effectiveness', id, windowDays],
    queryFn: () =>
      ok<Effectiveness>(
        client.GET('/api/v1/plays/{id}/effectiveness', {
          params: { path: { id }, query: { windowDays, weeks: 12 } },
        }),
      ),
  });
export const useTestWebhook = () =>
  useMutation({
    mutationFn: (body: {
      webhook?: WebhookDef;
      playId?: string;
      actionId?: string;
      accountId?: string;
    }) => ok<WebhookTestResult>(client.POST('/api/v1/webhooks/test', { body })),
  });
