// Segments API: list, one, create/update/delete, live preview of unsaved criteria, and the Work view.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '@/lib/api-client';
import type { Criteria, Preview, Segment, SegmentWork, Subject } from './types';

export const segmentPaths = {
  list: '/api/v1/segments',
  one: (id: string) => `/api/v1/segments/${id}`,
  preview: '/api/v1/segments/preview',
  work: (id: string) => `/api/v1/segments/${id}/work`,
};

export const useSegments = (subject?: Subject) =>
  useQuery({ queryKey: ['segments', subject ?? null], queryFn: () => api.get<Page<Segment>>(segmentPaths.list, { subject, limit: 200 }).then((p) => p.data) });

export const useSegment = (id: string | null) =>
  useQuery({ queryKey: ['segment', id], queryFn: () => api.get<Segment>(segmentPaths.one(id!)), enabled: Boolean(id) });

/** Count and first rows for criteria as typed (debounced by the caller); keeps the last answer while loading. */
export const usePreview = (subject: Subject, criteria: Criteria | null) =>
  useQuery({
    queryKey: ['segment-preview', subject, criteria],
    queryFn: () => api.post<Preview>(segmentPaths.preview, { subject, criteria }),
    enabled: Boolean(criteria),
    placeholderData: keepPreviousData,
    retry: false,
  });

export function useSaveSegment(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; subject: Subject; criteria: Criteria }) =>
      id ? api.patch<Segment>(segmentPaths.one(id), { name: body.name, criteria: body.criteria }) : api.post<Segment>(segmentPaths.list, body),
    onSuccess: (s) => {
      qc.setQueryData(['segment', s.id], s);
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
  });
}

export function useDeleteSegment(id: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api.delete<void>(segmentPaths.one(id)), onSuccess: () => void qc.invalidateQueries({ queryKey: ['segments'] }) });
}

export function useSegmentWork(id: string, status: 'open' | 'completed' | 'all') {
  return useInfiniteQuery({
    queryKey: ['segment-work', id, status],
    queryFn: ({ pageParam, signal }) => api.get<SegmentWork>(segmentPaths.work(id), { status, cursor: pageParam, limit: 100 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
