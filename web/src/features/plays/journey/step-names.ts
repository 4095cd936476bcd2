// A journey's step ids in words, from its play's steps (usePlay): "Create task: Call the lead".
import { useMemo } from 'react';
import { usePlay } from '../api';
import type { Play } from '../types';
import { stepSummary } from './summary';
import { placeSteps } from './tree';
import type { JourneyFields } from './types';

export function useStepWords(playId: string | undefined) {
  const play = usePlay(playId ?? null);
  return useMemo(() => {
    const steps = (play.data as (Play & JourneyFields) | undefined)?.steps ?? [];
    const placed = placeSteps(steps);
    const byId = (id: string) => placed.find((p) => p.step.id === id)?.step;
    /** A step of a version since edited may be gone: its id is all there is to show. */
    return (id: string | null | undefined) => {
      if (!id) return '—';
      const s = byId(id);
      return s ? stepSummary(s, byId) : `Step ${id}`;
    };
  }, [play.data]);
}
