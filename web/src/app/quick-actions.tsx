// The global "+" actions (Add task, Request information, Log touchpoint): one set of dialogs for the whole app.
import {
  Suspense,
  createContext,
  lazy,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

// Loaded on first use: the editors they carry are not needed for the first screen.
const AddTaskDialog = lazy(() =>
  import('@/features/tasks/components/AddTaskDialog').then((m) => ({ default: m.AddTaskDialog })),
);
const RequestInfoDialog = lazy(() =>
  import('@/features/tasks/components/RequestInfoDialog').then((m) => ({
    default: m.RequestInfoDialog,
  })),
);

const LogTouchpointDialog = lazy(() =>
  import('@/features/touchpoints/LogTouchpointDialog').then((m) => ({
    default: m.LogTouchpointDialog,
  })),
);

type Open = (opts?: { accountId?: string }) => void;
const QuickActionsContext = createContext<{
  addTask: Open;
  requestInfo: Open;
  logTouchpoint: Open;
}>({
  addTask: () => {},
  requestInfo: () => {},
  logTouchpoint: () => {},
});

export function QuickActionsProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{
    kind: 'task' | 'info' | 'touchpoint' | null;
    accountId?: string;
    n: number;
  }>({ kind: null, n: 0 });
  const addTask = useCallback<Open>(
    (o) => setState((s) => ({ kind: 'task', accountId: o?.accountId, n: s.n + 1 })),
    [],
  );
  const requestInfo = useCallback<Open>(
    (o) => setState((s) => ({ kind: 'info', accountId: o?.accountId, n: s.n + 1 })),
    [],
  );
  const logTouchpoint = useCallback<Open>(
    (o) => setState((s) => ({ kind: 'touchpoint', accountId: o?.accountId, n: s.n + 1 })),
    [],
  );
  const close = () => setState((s) => ({ ...s, kind: null }));
  const value = useMemo(
    () => ({ addTask, requestInfo, logTouchpoint }),
    [addTask, requestInfo, logTouchpoint],
  );
  return (
    <QuickActionsContext.Provider value={value}>
      {children}
      <Suspense>
        {state.kind === 'task' && (
          <AddTaskDialog key={state.n} accountId={state.accountId} onClose={close} />
        )}
        {state.kind === 'info' && (
          <RequestInfoDialog key={state.n} accountId={state.accountId} onClose={close} />
        )}
        {state.kind === 'touchpoint' && (
          <LogTouchpointDialog key={state.n} accountId={state.accountId} onClose={close} />
        )}
      </Suspense>
    </QuickActionsContext.Provider>
  );
}

export const useQuickActions = () => useContext(QuickActionsContext);
