// Segments API: list, one, create/update/delete, live preview of unsaved criteria. Segment → Work is the
// tasks list filtered by the segment (useWorkList in features/tasks).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, okAs, type Page } from '@/lib/api-client';
import type { Criteria, Preview, Segment, Subject } from './types';

export const useSegments = (subject?: Subject) =>
  useQuery({
    queryKey: ['segments', subject ?? null],
    queryFn: () =>
      okAs<Page<Segment>>(
        client.GET('/api/v1/segments', { params: { query: { subject, limit: 200 } } }),
      ).then((p) => p.data),
  });

export const useSegment = (id: string | null) =>
  useQuery({
    queryKey: ['segment', id],
    queryFn: () =>
      okAs<Segment>(client.GET('/api/v1/segments/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });

/** Count and first rows for criteria as typed (debounced by the caller); keeps the last answer while loading. */
export const usePreview = (subject: Subject, criteria: Criteria | null) =>
  useQuery({
    queryKey: ['segment-preview', subject, criteria],
    queryFn: () =>
      ok<Preview>(
        client.POST('/api/v1/segments/preview', { body: { subject, criteria: criteria! } }),
      ),
    enabled: Boolean(criteria),
    placeholderData: keepPreviousData,
    retry: false,
  });

export function useSaveSegment(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; subject: Subject; criteria: Criteria }) =>
      okAs<Segment>(
        id
          ? client.PATCH('/api/v1/segments/{id}', {
              params: { path: { id } },
              body: { name: body.name, criteria: body.criteria },
            })
          : client.POST('/api/v1/segments', { body }),
      ),
    onSuccess: (s) => {
      qc.setQueryData(['segment', s.id], s);
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
  });
}

export function useDeleteSegment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok(client.DELETE('/api/v1/segments/{id}', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['segments'] }),
  });
}
