// A work list's filters, sort and grouping live in the URL (search params): back/forward and reload
// keep them, and a shared link reproduces the view. Pure: parse, write back, and the API query.
import type { Priority } from '@/lib/priority';
import type { TaskFilters } from './types';

/** Whose work a work list shows; a segment's is the tasks collection filtered by `segmentId`. */
export type WorkScope =
  | { kind: 'all' }
  | { kind: 'mine' }
  | { kind: 'account'; accountId: string }
  | { kind: 'segment'; segmentId: string };
export type WorkStatus = 'open' | 'completed' | 'all';
export type WorkDue = 'overdue' | 'today' | 'this_week' | 'next_7_days' | 'range';
export type WorkSort = 'due' | 'priority' | 'title' | 'account' | 'completedAt';
export type WorkGroup = 'account' | 'priority' | 'flow';

export type WorkView = {
  status: WorkStatus;
  q?: string;
  due?: WorkDue;
  from?: string;
  to?: string;
  flowId?: string;
  priority?: Priority;
  accountId?: string;
  segmentId?: string;
  playId?: string;
  outcome?: string;
  /** 'me' | 'contacts' | a user id | 'team:<id>' */
  assignee?: string;
  sort?: WorkSort;
  dir?: 'asc' | 'desc';
  group?: WorkGroup;
};

// URL key → view field. Short keys: they share the page's URL with `tab` and `task`.
const keys = {
  q: 'q',
  due: 'due',
  from: 'from',
  to: 'to',
  flowId: 'flow',
  priority: 'priority',
  accountId: 'account',
  segmentId: 'segment',
  playId: 'play',
  outcome: 'outcome',
  assignee: 'assignee',
  sort: 'sort',
  dir: 'dir',
  group: 'group',
} as const satisfies Partial<Record<keyof WorkView, string>>;

const oneOf = <T extends string>(v: string | null, allowed: readonly T[]): T | undefined =>
  allowed.includes(v as T) ? (v as T) : undefined;

/** The view a URL describes; unknown values are ignored rather than sent to the API. */
export function readWorkView(params: URLSearchParams): WorkView {
  const text = (k: string) => params.get(k)?.trim() || undefined;
  const due = oneOf(params.get('due'), [
    'overdue',
    'today',
    'this_week',
    'next_7_days',
    'range',
  ] as const);
  return {
    status: oneOf(params.get('status'), ['open', 'completed', 'all'] as const) ?? 'open',
    q: text(keys.q),
    due,
    from: due === 'range' ? text(keys.from) : undefined,
    to: due === 'range' ? text(keys.to) : undefined,
    flowId: text(keys.flowId),
    priority: oneOf(params.get(keys.priority), ['high', 'normal', 'low'] as const),
    accountId: text(keys.accountId),
    segmentId: text(keys.segmentId),
    playId: text(keys.playId),
    outcome: text(keys.outcome),
    assignee: text(keys.assignee),
    sort: oneOf(params.get(keys.sort), [
      'due',
      'priority',
      'title',
      'account',
      'completedAt',
    ] as const),
    dir: oneOf(params.get(keys.dir), ['asc', 'desc'] as const),
    group: oneOf(params.get(keys.group), ['account', 'priority', 'flow'] as const),
  };
}

/** `params` with `patch` applied (undefined or '' removes a key); other keys (tab, task) are kept. */
export function writeWorkView(params: URLSearchParams, patch: Partial<WorkView>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [field, value] of Object.entries(patch)) {
    const key = field === 'status' ? 'status' : keys[field as keyof typeof keys];
    if (!key) continue;
    if (value === undefined || value === '' || (field === 'status' && value === 'open'))
      next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/** The GET /tasks query for a scope and view: the scope's own filter always wins. */
export function workQuery(scope: WorkScope, view: WorkView): TaskFilters {
  const { group: _group, ...rest } = view;
  const query: TaskFilters = {
    ...rest,
    assignee: view.assignee,
    due: view.due,
  };
  if (scope.kind === 'mine') query.assignee = 'me';
  if (scope.kind === 'account') query.accountId = scope.accountId;
  if (scope.kind === 'segment') query.segmentId = scope.segmentId;
  // The collection answers "everyone's" work on a segment or an account unless an assignee is chosen.
  if (!query.assignee) query.assignee = 'all';
  return query;
}

/** How many filters the person chose (the scope's own one is not counted). */
export const activeFilterCount = (view: WorkView) =>
  (
    [
      'q',
      'due',
      'flowId',
      'priority',
      'accountId',
      'segmentId',
      'playId',
      'outcome',
      'assignee',
    ] as const
  ).filter((k) => view[k] !== undefined).length;
