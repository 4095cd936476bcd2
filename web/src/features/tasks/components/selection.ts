// Row selection of a work list (bulk actions): the selected tasks and how a row toggles.
import { useState } from 'react';
import type { TaskItem } from '../types';
export type Selectable = { selected: Set<string>; onChange: (ids: Set<string>) => void };

export function toggleSelected(selectable: Selectable | undefined, id: string) {
  if (!selectable) return;
  const next = new Set(selectable.selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  selectable.onChange(next);
}

/** Selection across every list part shown (groups page separately), kept with the tasks themselves. */
export function useSelection() {
  const [selected, setSelected] = useState<Map<string, TaskItem>>(new Map());
  const forTasks = (tasks: TaskItem[]): Selectable => ({
    selected: new Set(selected.keys()),
    onChange: (ids) =>
      setSelected((prev) => {
        const next = new Map(prev);
        for (const t of tasks) {
          if (ids.has(t.id)) next.set(t.id, t);
          else next.delete(t.id);
        }
        return next;
      }),
  });
  return { selected, clear: () => setSelected(new Map()), forTasks };
}
export type Selection = ReturnType<typeof useSelection>;
