// The one shape of every change event (the play engine's outbox): one payload type per entity and
// kind. Writers — use cases through `recordChanges`, bulk paths and the engine's set-based inserts
// through `changePayloadSql` — and readers (`plays/engine/process-changes.ts`) share these types.

/** Before and after of each changed attribute key (absent = null). */
export type AttributeDiff = Record<string, { from: unknown; to: unknown }>;

/** Which path wrote, when it was not a person's direct edit in the app or API. */
export type ChangeSource = 'bulk' | 'event' | 'play';

/** The write that caused this one (a task write touches its account; a play or an outcome writes). */
export type ChangeCause =
  | 'form'
  | 'task_completion'
  | 'outcome'
  | 'play'
  | 'task_created'
  | 'task_updated'
  | 'task_completed'
  | 'task_deleted';

/** Why a system write happened without anyone editing the record. */
export type ChangeReason =
  'user_disabled' | 'team_deleted' | 'attribute_deleted' | 'ownership_change';

/** Who and what made a change; any payload may carry it. */
export type ChangeOrigin = {
  /** The user (or API token's user) behind the write; absent or null for the engine. */
  actorId?: string | null;
  source?: ChangeSource;
  cause?: ChangeCause;
  reason?: ChangeReason;
  /** The task behind the write (form, completion, outcome, the task writes' account events). */
  taskId?: string;
  /** The play that wrote. */
  playId?: string | null;
  /** Plays that led to this write, the writing play last: loop protection reads it. */
  chain?: string[];
};

/** An account or contact edit: `changed` names fields, attribute keys as `attributes.<key>`. */
type RecordUpdated = ChangeOrigin & {
  changed?: string[];
  /** Before/after of the attribute keys in `changed`. */
  attributes?: AttributeDiff;
  /** The tag a play or an outcome added or removed. */
  tags?: string[];
  /** The outcome whose action wrote (cause `outcome`). */
  outcome?: string;
};

/** The payload of each entity + kind. */
export type ChangePayloads = {
  'account.created': ChangeOrigin;
  'account.updated': RecordUpdated & {
    /** A role holder change (`changed: ['roles.<id>']`). */
    roleId?: string;
    fromUserId?: string | null;
    toUserId?: string | null;
    movedTasks?: number;
  };
  'account.deleted': ChangeOrigin;
  'contact.created': ChangeOrigin;
  'contact.updated': RecordUpdated & { fromAccountId?: string };
  'contact.deleted': ChangeOrigin;
  'task.created': Omit<ChangeOrigin, 'source'> & {
    kind?: 'todo' | 'request_info';
    source?: 'manual' | 'template' | 'play' | 'follow_up';
    flowId?: string;
    assigneeUserId?: string | null;
    templateId?: string | null;
    outcome?: string;
  };
  'task.updated': ChangeOrigin & {
    fields: string[];
    previousAssigneeUserId?: string | null;
    fromUserId?: string | null;
    toUserId?: string | null;
    /** "Reassign dynamically": the play's assignee rule ran again. */
    dynamic?: boolean;
  };
  /** `outcome` is the one the user chose: task-completed plays and outcome actions read it. */
  'task.completed': ChangeOrigin & {
    outcome: string | null;
    playId: string | null;
    templateId: string | null;
  };
  'task.deleted': ChangeOrigin;
  /**
   * A play run that created tasks (any trigger: event, recurring, sweep, manual, enable, task
   * completed): one per run, so open screens hear about the engine's own writes. Written already
   * processed — the engine never reads it, so it cannot trigger plays. `accountIds` lists the accounts
   * that got tasks (the first 1,000; absent beyond that, `accounts` counts them all).
   */
  'play_run.fired': {
    playId: string;
    runKind: string;
    accountIds?: string[];
    accounts: number;
  };
  /**
   * New in-app feed items reached these users (SPEC §9): one per feed write, by the feed writer in
   * the same statement and already processed (the engine never reads it); every process's live hub
   * sends these users' tabs a `feed` frame. `entity_id` is the workspace's id.
   */
  'feed.created': { userIds: string[] };
};

export type ChangeType = keyof ChangePayloads;
export type ChangeEntity = ChangeType extends `${infer E}.${string}` ? E : never;
export type ChangeKind = ChangeType extends `${string}.${infer K}` ? K : never;

/** One change: its entity, its kind and that pair's payload (a union over every pair). A payload
 * whose keys are all optional may be left out. */
export type ChangeEvent = {
  [T in ChangeType]: T extends `${infer E}.${infer K}`
    ? { entity: E; kind: K } & PayloadOf<ChangePayloads[T]>
    : never;
}[ChangeType];

type PayloadOf<P> = Record<never, never> extends P ? { payload?: P } : { payload: P };

/** The payload of an entity + kind. */
export type ChangePayload<
  E extends ChangeEntity,
  K extends ChangeKind,
> = `${E}.${K}` extends ChangeType ? ChangePayloads[`${E}.${K}`] : never;

/** A change event as read back from the table: the payload is always present (`{}` when none was given). */
export type StoredChange = {
  [T in ChangeType]: T extends `${infer E}.${infer K}`
    ? { entity: E; kind: K; payload: ChangePayloads[T] }
    : never;
}[ChangeType];

/** Rows written for screens only (live updates), never read by the play engine. */
type ScreenOnlyEntity = 'play_run' | 'feed';

/** A change to an account, contact or task: what the play engine reads. */
export type RecordChange = Exclude<StoredChange, { entity: ScreenOnlyEntity }>;
