// A journey's step ids in words, from the play version it runs on (its steps may have changed since):
// "Create task: Call the lead". Without a version, or while it loads, the play's current steps.
import { useMemo } from 'react';
import { usePlay } from '../api';
import type { Play } from '../types';
import { useVersion } from '../versions/api';
import { stepSummary } from './summary';
import { placeSteps } from './tree';
import type { JourneyFields } from './types';

export function useStepWords(playId: string | undefined, version?: number) {
  const play = usePlay(playId ?? null);
  const ran = useVersion(playId ?? '', playId && version ? version : null);
  return useMemo(() => {
    const steps =
      (ran.data?.definition as JourneyFields | undefined)?.steps ??
      (play.data as (Play & JourneyFields) | undefined)?.steps ??
      [];
    const placed = placeSteps(steps);
    const byId = (id: string) => placed.find((p) => p.step.id === id)?.step;
    return (id: string | null | undefined) => {
      if (!id) return '—';
      const s = byId(id);
      return s ? stepSummary(s, byId) : `Step ${id}`;
    };
  }, [play.data, ran.data]);
}
