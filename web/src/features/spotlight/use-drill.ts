// The open drill-down lives in the URL (?drill=overdue&userId=…) so it survives reloads and the task panel.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { metrics, type FocusMetric, type FocusSlice } from './types';

export type Drill =
  | { kind: 'tasks'; metric: FocusMetric; slice: FocusSlice }
  | { kind: 'accounts'; slice: FocusSlice };
const sliceKeys = ['userId', 'flowId', 'roleId'] as const;

export function useDrill() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('drill');
  const slice: FocusSlice = Object.fromEntries(
    sliceKeys.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const drill: Drill | null =
    raw === 'accounts'
      ? { kind: 'accounts', slice }
      : metrics.includes(raw as FocusMetric)
        ? { kind: 'tasks', metric: raw as FocusMetric, slice }
        : null;
  const setDrill = useCallback(
    (d: Drill | null) =>
      setParams((p) => {
        const n = new URLSearchParams(p);
        for (const k of ['drill', 'task', 'complete', ...sliceKeys]) n.delete(k);
        if (d) {
          n.set('drill', d.kind === 'accounts' ? 'accounts' : d.metric);
          for (const k of sliceKeys) if (d.slice[k]) n.set(k, d.slice[k]);
        }
        return n;
      }),
    [setParams],
  );
  return { drill, setDrill };
}
