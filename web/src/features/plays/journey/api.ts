// Journeys as the API reports them: per-step counts of a play, a play's or an account's journeys, one
// journey with what each step did, and taking a record out of its journey.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';
import type { components, operations } from '@/lib/api-schema';

type Json<Op extends keyof operations> = operations[Op] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
export type Journey = components['schemas']['Journey'];
export type JourneyDetail = Json<'getJourneysById'>;
export type StepCounts = Json<'getPlaysByIdJourneySteps'>;
export type JourneyStatus = Journey['status'];
export type EndReason = NonNullable<Journey['endReason']>;
export type WaitingFor = NonNullable<Journey['waitingFor']>;

/** Counts change as journeys move on their own (waits end in the background): look again every 30 s. */
const REFRESH_MS = 30_000;

export const useStepCounts = (playId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['journeys', 'counts', playId],
    queryFn: () =>
      ok<StepCounts>(
        client.GET('/api/v1/plays/{id}/journey-steps', { params: { path: { id: playId! } } }),
      ),
    enabled: Boolean(playId) && enabled,
    refetchInterval: REFRESH_MS,
  });

export type JourneyFilter = { status?: JourneyStatus; stepId?: string; cursor?: string };

export const usePlayJourneys = (playId: string, f: JourneyFilter) =>
  useQuery({
    queryKey: ['journeys', 'play', playId, f],
    queryFn: () =>
      ok<{ data: Journey[]; nextCursor: string | null }>(
        client.GET('/api/v1/plays/{id}/journeys', {
          params: { path: { id: playId }, query: { ...f, limit: 50 } },
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });

export const useAccountJourneys = (accountId: string) =>
  useQuery({
    queryKey: ['journeys', 'account', accountId],
    queryFn: () =>
      ok<{ data: Journey[]; nextCursor: string | null }>(
        client.GET('/api/v1/accounts/{id}/journeys', {
          params: { path: { id: accountId }, query: { limit: 100 } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });

export const useJourneyDetail = (id: string | null) =>
  useQuery({
    queryKey: ['journeys', 'one', id],
    queryFn: () =>
      ok<JourneyDetail>(client.GET('/api/v1/journeys/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: REFRESH_MS,
  });

export function useRemoveJourney() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      ok<JourneyDetail>(client.POST('/api/v1/journeys/{id}/remove', { params: { path: { id } } })),
    onSuccess: (j) => {
      qc.setQueryData(['journeys', 'one', j.id], j);
      void qc.invalidateQueries({ queryKey: ['journeys'] });
      // Its open tasks may have been cancelled or completed by the exit rule.
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** Takes every running journey of the play (that the user may see) out at once. */
export function useRemoveAllJourneys(playId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      ok<{ removed: number }>(
        client.POST('/api/v1/plays/{id}/journeys/remove', { params: { path: { id: playId } } }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['journeys'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
