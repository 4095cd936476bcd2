// Shapes of the tasks API (src/tasks/schema.ts on the server).
import type { Priority } from '@/lib/priority';

export type { Priority };
export type Ref = { id: string; name: string };
export type Assignee = {
  type: 'user' | 'contact';
  id: string;
  name: string;
  roleId: string | null;
};
/** What the API accepts as an assignee: exactly one of these. */
export type AssigneeIn = { userId?: string; contactId?: string; roleId?: string };

export type TaskItem = {
  id: string;
  kind: 'todo' | 'request_info';
  title: string;
  account: Ref;
  assignee: Assignee;
  dueDate: string;
  priority: Priority;
  status: 'open' | 'completed';
  overdue: boolean;
  outcome: string | null;
  outcomes: string[];
  flow: Ref;
  source: 'manual' | 'play' | 'template' | 'follow_up';
  playId: string | null;
  fallbackReason: string | null;
  completedAt: string | null;
  createdAt: string;
  version: number;
};

export type FormField = { attributeKey: string; label: string; required: boolean };

export type TaskDetail = TaskItem & {
  description: string;
  contacts: Array<{ id: string; name: string; email: string | null }>;
  assignedBy: Ref | null;
  completedBy: Ref | null;
  templateId: string | null;
  /** Play tasks: the user accountable overall (normally the play's owner). */
  accountabilityUser: Ref | null;
  form: { id: string; name: string; fields: FormField[] } | null;
  completionRules: {
    touchpointRequired: boolean;
    attributeUpdateRequired: { key: string } | null;
    automaticAttributeUpdate: {
      key: string;
      value: unknown;
      target?: 'account' | 'child' | 'both';
    } | null;
  };
  /** Hierarchy plays (one task per child): the child account that qualified; the task sits on its parent. */
  childAccount: Ref | null;
  /** A completed task's follow-up (the task its completion created), while it exists. */
  followUp: Ref | null;
  updatedAt: string;
};

export type TaskGroup = { key: string | null; label: string; count: number };
/** Exact totals over the whole filtered set (`include=counts`). */
export type TaskTotals = { open: number; overdue: number; dueToday: number; completed: number };
export type TaskPage = {
  data: TaskItem[];
  nextCursor: string | null;
  groups?: TaskGroup[];
  counts?: TaskTotals;
};

export type TaskFilters = {
  due?: 'overdue' | 'today' | 'this_week' | 'next_7_days' | 'incomplete' | 'completed' | 'range';
  from?: string;
  to?: string;
  assignee?: string;
  accountId?: string;
  flowId?: string;
  priority?: Priority;
  status?: 'open' | 'completed' | 'all';
  playId?: string;
  outcome?: string;
  source?: TaskItem['source'];
  groupBy?: 'assignee' | 'outcome' | 'status' | 'flow' | 'priority' | 'account';
  segmentId?: string;
  /** Title or account name contains this. */
  q?: string;
  sort?: 'due' | 'priority' | 'title' | 'account' | 'completedAt';
  dir?: 'asc' | 'desc';
};

export type TouchpointIn = {
  /** A built-in type or an active workspace type's key. */
  type: string;
  subject: string;
  body?: string;
  participantIds?: string[];
  userParticipantIds?: string[];
  occurredAt?: string;
};
export type FollowUpIn = {
  title: string;
  description: string;
  assignee: AssigneeIn;
  dueDate: string;
  priority: Priority;
  flowId?: string;
  contactIds?: string[];
};
export type CompleteInput = {
  version?: number;
  outcome?: string;
  touchpoint?: TouchpointIn;
  attributeUpdate?: Record<string, unknown>;
  followUp?: FollowUpIn;
};
export type BulkInput = {
  action: 'complete' | 'reassign' | 'reschedule' | 'cancel' | 'remind';
  taskIds: string[];
  outcome?: string;
  /** Complete: the outcome per task id (wins over `outcome`). */
  outcomeByTask?: Record<string, string>;
  assignee?: AssigneeIn;
  dueDate?: string;
};
export type BulkResult = {
  results: Array<{ taskId: string; ok: boolean; error?: { code: string; message: string } }>;
};
