// The one shape of every in-app feed item (SPEC §9): one payload type per kind. Types only (plus the
// kind list), so the web app imports this file too and every writer — the notify-team action's SQL, the
// task writer, completion, reassignment, webhook dead letters — and the sentence agree on the keys.
// Names are stored when the item is written: the reader may no longer see the play, user or task.

/** A user named when the item was written. */
export type FeedPerson = { id: string; name: string };

/** The play behind an item, named when it fired. */
export type FeedPlay = { id: string; name: string };

/** The payload of each feed item kind. */
export type FeedPayloads = {
  /** A play's celebrate-milestone action, for each member of the account's teams. */
  celebrate: { message: string; style: string; play: FeedPlay; accountName: string };
  /** A play's notify-team action, for each member of the account's teams. */
  notify: { message: string; style: string; play: FeedPlay; accountName: string };
  /** A task was assigned to me: by a person (`by`) or a play (`play`); `reassigned` when it was someone else's. */
  task_assigned: {
    title: string;
    accountName: string;
    dueDate: string;
    by: FeedPerson | null;
    play: FeedPlay | null;
    reassigned: boolean;
  };
  /** A task I created or assigned was completed by someone else (with the outcome they chose). */
  task_outcome: {
    title: string;
    accountName: string;
    outcome: string | null;
    completedBy: FeedPerson;
  };
  /** A webhook delivery was dead-lettered (admins): it will not be retried unless replayed. */
  webhook_failed: {
    deliveryId: string;
    webhook: string;
    accountName: string | null;
    statusCode: number | null;
    attempts: number;
    error: string | null;
  };
};

export type FeedKind = keyof FeedPayloads;

export const FEED_KINDS = [
  'celebrate',
  'notify',
  'task_assigned',
  'task_outcome',
  'webhook_failed',
] as const satisfies readonly FeedKind[];

/** One item as the API returns it: kind and payload together, so a switch on `kind` narrows `payload`. */
export type FeedItem = {
  [K in FeedKind]: {
    id: string;
    kind: K;
    payload: FeedPayloads[K];
    account: { id: string; name: string } | null;
    task: { id: string; title: string } | null;
    createdAt: string;
    readAt: string | null;
  };
}[FeedKind];

// Every kind is listed (a kind added to FeedPayloads but not to FEED_KINDS is a type error here).
export type MissingFeedKinds = Exclude<FeedKind, (typeof FEED_KINDS)[number]>;
const allKindsListed: MissingFeedKinds extends never ? true : false = true;
void allKindsListed;
