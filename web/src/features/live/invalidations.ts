// Which cached queries a live change makes stale. Keys follow the features' query keys:
// tasks/api.ts ('tasks', 'task'), accounts/api.ts and lookups/api.ts ('accounts', 'account'),
// timeline/api.ts ('timeline'), plays/journey/api.ts ('journeys'). Pure, so a burst of changes folds into one set of keys.

/** One group of changes as GET /api/v1/live sends it (`ids` empty = many records). */
export type LiveChange = {
  /** `play_run` (kind `fired`): a play run created tasks on the account (any trigger); they are committed. */
  entity: 'account' | 'contact' | 'task' | 'play_run';
  kind: 'created' | 'updated' | 'deleted' | 'completed' | 'fired';
  accountId: string | null;
  ids: string[];
};

/** A query-key prefix to invalidate; `exact` only that key, not the keys under it. */
export type Stale = { key: readonly unknown[]; exact?: boolean };

/** The query keys a change touches (prefixes; TanStack Query refetches only those on screen). */
export function staleKeys(c: LiveChange): Stale[] {
  const account = c.accountId;
  // Without an account (or many at once) the change may be anywhere: refresh those families whole.
  const accountKeys: Stale[] = account
    ? [{ key: ['timeline', account] }, { key: ['timeline', 'mine'] }]
    : [{ key: ['timeline'] }];
  switch (c.entity) {
    case 'play_run':
      // The run's ids are not tasks: refresh the account's work, header counts and timeline.
      // A journey step's action is a run too: journey counts and views move on (plays/journey/api.ts).
      return [
        { key: ['tasks'] },
        { key: ['journeys'] },
        account ? { key: ['account', account], exact: true } : { key: ['account'] },
        { key: ['accounts'] },
        ...accountKeys,
      ];
    case 'task':
      return [
        // Work lists (account, mine, segment), counts, the collection and Spotlight all start with 'tasks'.
        { key: ['tasks'] },
        // A completed task wakes the journeys waiting for it.
        ...(c.kind === 'completed' ? [{ key: ['journeys'] }] : []),
        ...(c.ids.length ? c.ids.map((id) => ({ key: ['task', id] })) : [{ key: ['task'] }]),
        // The account's header shows its open and overdue counts; lists show them too.
        account ? { key: ['account', account], exact: true } : { key: ['account'] },
        { key: ['accounts'] },
        ...accountKeys,
      ];
    case 'account':
      return [
        ...(c.ids.length ? c.ids.map((id) => ({ key: ['account', id] })) : [{ key: ['account'] }]),
        { key: ['accounts'] },
        // Task rows show their account's name; and an attribute change may change work (plays).
        { key: ['tasks'] },
        ...accountKeys,
      ];
    case 'contact':
      return [
        account ? { key: ['account', account, 'contacts'] } : { key: ['account'] },
        ...accountKeys,
      ];
  }
}

/** Folds stale keys into a map keyed by their JSON, so each is invalidated once per flush. */
export function addStale(into: Map<string, Stale>, keys: Stale[]): void {
  for (const k of keys) {
    const id = JSON.stringify(k);
    if (!into.has(id)) into.set(id, k);
  }
}
