// The task panel is addressed by the URL (?task=<id>[&complete=1]) so it survives reloads and can be linked.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useTaskPanel() {
  const [params, setParams] = useSearchParams();
  const taskId = params.get('task');
  // 'list': the check mark in a list (only the dialog shows); 'panel': the Complete button inside the panel.
  const completing = params.get('complete') as 'list' | 'panel' | null;
  const set = useCallback(
    (id: string | null, complete: 'list' | 'panel' | null = null) => {
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('task', id);
        else next.delete('task');
        if (complete) next.set('complete', complete);
        else next.delete('complete');
        return next;
      });
    },
    [setParams],
  );
  return {
    taskId,
    completing,
    openTask: useCallback((id: string) => set(id), [set]),
    openComplete: useCallback((id: string) => set(id, 'list'), [set]),
    setCompleting: useCallback(
      (on: boolean) => taskId && set(taskId, on ? 'panel' : null),
      [set, taskId],
    ),
    close: useCallback(() => set(null), [set]),
  };
}
