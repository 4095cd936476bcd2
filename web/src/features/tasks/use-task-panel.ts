// The task panel is addressed by the URL (?task=<id>[&complete=1]) so it survives reloads and can be linked.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useTaskPanel() {
  const [params, setParams] = useSearchParams();
  const taskId = params.get('task');
  const completing = params.get('complete') === '1';
  const set = useCallback((id: string | null, complete = false) => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('task', id); else next.delete('task');
      if (complete) next.set('complete', '1'); else next.delete('complete');
      return next;
    });
  }, [setParams]);
  return {
    taskId, completing,
    openTask: useCallback((id: string) => set(id), [set]),
    openComplete: useCallback((id: string) => set(id, true), [set]),
    setCompleting: useCallback((on: boolean) => taskId && set(taskId, on), [set, taskId]),
    close: useCallback(() => set(null), [set]),
  };
}
