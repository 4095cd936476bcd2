// Play versions API (SPEC §5): history, one version's definition, publish / discard the draft, restore.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, okAs } from '@/lib/api-client';
import type { Play } from '../types';
import type { Definition } from './diff-definitions';

export type DraftInfo = { number: number; createdAt: string; createdBy: string | null };
/** A play as GET /plays/{id} answers it, with the version in force and the draft. */
export type VersionedPlay = Play & { publishedVersion?: number; draft?: DraftInfo | null };
export type VersionSummary = {
  number: number;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  publishedAt: string | null;
  inForce: boolean;
};
export type Version = VersionSummary & { definition: Definition };

export const useVersions = (playId: string) =>
  useQuery({
    queryKey: ['play-versions', playId],
    queryFn: () =>
      ok(client.GET('/api/v1/plays/{id}/versions', { params: { path: { id: playId } } })).then(
        (r) => r.data as VersionSummary[],
      ),
  });

export const fetchVersion = (playId: string, number: number) =>
  okAs<Version>(
    client.GET('/api/v1/plays/{id}/versions/{number}', {
      params: { path: { id: playId, number } },
    }),
  );

/** One version's definition; `key` changes when the version's content may have (a re-saved draft). */
export const useVersion = (playId: string, number: number | null, key = '') =>
  useQuery({
    queryKey: ['play-versions', playId, number, key],
    queryFn: () => fetchVersion(playId, number!),
    enabled: number !== null,
  });

/** Publish, discard and restore answer the play: it replaces the cached one, and the history is stale. */
function useVersionWrite<I>(playId: string, fn: (i: I) => Promise<VersionedPlay>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (play) => {
      qc.setQueryData(['play', playId], play);
      void qc.invalidateQueries({ queryKey: ['play-versions', playId] });
      void qc.invalidateQueries({ queryKey: ['plays'] });
    },
  });
}

const path = (id: string) => ({ params: { path: { id } } });

export const usePublishDraft = (playId: string) =>
  useVersionWrite(playId, (version: number) =>
    okAs<VersionedPlay>(
      client.POST('/api/v1/plays/{id}/publish', { ...path(playId), body: { version } }),
    ),
  );

export const useDiscardDraft = (playId: string) =>
  useVersionWrite(playId, (version: number) =>
    okAs<VersionedPlay>(
      client.DELETE('/api/v1/plays/{id}/draft', {
        ...path(playId),
        headers: { 'If-Match': `"${version}"` },
      }),
    ),
  );

export const useRestoreVersion = (playId: string) =>
  useVersionWrite(playId, ({ number, version }: { number: number; version: number }) =>
    okAs<VersionedPlay>(
      client.POST('/api/v1/plays/{id}/versions/{number}/restore', {
        params: { path: { id: playId, number } },
        body: { version },
      }),
    ),
  );

/** The play with its draft's definition in place of the one in force: what the builder edits. */
export const withDefinition = <P extends Play>(play: P, d: Definition): P => ({
  ...play,
  ...d,
  sourceSegmentId: d.sourceSegmentId ?? null,
  holdoutPercent: d.holdoutPercent ?? 0,
});
