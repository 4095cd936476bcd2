import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { attributeDefinitions } from '../db/schema/index.ts';

/**
 * Which merge-field names a template may use. Fixed names are listed; custom attributes are
 * `account.attributes.<key>` / `contact.attributes.<key>` / `child.attributes.<key>` (the child is
 * an account, so account keys) with the key checked against the workspace's definitions (or any
 * well-formed key when the set is 'any').
 *
 * `child.*` is the qualifying child of a hierarchy play's "one task per child" task. It is accepted
 * in every template (play actions, task templates, webhooks) and renders empty wherever there is no
 * child: non-hierarchy plays, "one task per parent", templates applied by hand, webhooks.
 */
export type AllowList = {
  names: ReadonlySet<string>;
  accountAttributes: ReadonlySet<string> | 'any';
  contactAttributes: ReadonlySet<string> | 'any';
};

export const MERGE_FIELD_NAMES = [
  'account.id',
  'account.name',
  'account.external_id',
  'account.lifecycle_stage',
  'account.account_type',
  'contact.id',
  'contact.external_id',
  'contact.first_name',
  'contact.last_name',
  'contact.email',
  'contact.phone',
  'assignee.name',
  'assignee.email',
  'play.name',
  'play.trigger_date',
  'task.title',
  'task.due_date',
  'task.priority',
  'workspace.name',
  'child.name',
  'child.external_id',
] as const;

/** Accepts every fixed name and any well-formed attribute key (for checks without a database). */
export const defaultAllowList: AllowList = {
  names: new Set(MERGE_FIELD_NAMES),
  accountAttributes: 'any',
  contactAttributes: 'any',
};

/** The allow-list for one workspace: fixed names plus its defined account and contact attributes. */
export async function loadAllowList(db: DbOrTx, workspaceId: string): Promise<AllowList> {
  const defs = await db
    .select({ entity: attributeDefinitions.entity, key: attributeDefinitions.key })
    .from(attributeDefinitions)
    .where(and(eq(attributeDefinitions.workspaceId, workspaceId)));
  return {
    names: new Set(MERGE_FIELD_NAMES),
    accountAttributes: new Set(defs.filter((d) => d.entity === 'account').map((d) => d.key)),
    contactAttributes: new Set(defs.filter((d) => d.entity === 'contact').map((d) => d.key)),
  };
}

type Scalar = string | number | boolean | null | undefined;

/**
 * The values a template is rendered with. Missing parts render as empty (or JSON null). Built by
 * the caller from rows; it is plain data, never objects with prototypes worth walking.
 */
export type MergeContext = {
  account?: {
    id?: string;
    name?: string;
    external_id?: string;
    lifecycle_stage?: string | null;
    account_type?: string;
    attributes?: Record<string, unknown>;
  };
  contact?: {
    id?: string;
    external_id?: string;
    first_name?: string;
    last_name?: string;
    email?: string | null;
    phone?: string | null;
    attributes?: Record<string, unknown>;
  } | null;
  child?: { name?: string; external_id?: string; attributes?: Record<string, unknown> } | null;
  assignee?: { name?: string; email?: string } | null;
  play?: { name?: string; trigger_date?: string } | null;
  task?: { title?: string; due_date?: string; priority?: string } | null;
  workspace?: { name?: string };
  [extra: string]: Record<string, unknown> | Scalar;
};

/** Builds the context from database rows (camelCase) so every caller names fields the same way. */
export function mergeContextFrom(rows: {
  account?: {
    id: string;
    name: string;
    externalId: string;
    lifecycleStage: string | null;
    accountType: string;
    attributes: Record<string, unknown>;
  } | null;
  contact?: {
    id: string;
    externalId: string;
    firstName: string;
    lastName: string;
    email: string | null;
    phone: string | null;
    attributes: Record<string, unknown>;
  } | null;
  child?: { name: string; externalId: string; attributes: Record<string, unknown> } | null;
  assignee?: { name: string; email: string } | null;
  play?: { name: string; triggerDate?: string } | null;
  task?: { title: string; dueDate: string; priority?: string } | null;
  workspace?: { name: string } | null;
}): MergeContext {
  const { account, contact, child, assignee, play, task, workspace } = rows;
  return {
    account: account
      ? {
          id: account.id,
          name: account.name,
          external_id: account.externalId,
          lifecycle_stage: account.lifecycleStage,
          account_type: account.accountType,
          attributes: account.attributes,
        }
      : undefined,
    contact: contact
      ? {
          id: contact.id,
          external_id: contact.externalId,
          first_name: contact.firstName,
          last_name: contact.lastName,
          email: contact.email,
          phone: contact.phone,
          attributes: contact.attributes,
        }
      : null,
    child: child
      ? { name: child.name, external_id: child.externalId, attributes: child.attributes }
      : null,
    assignee: assignee ? { name: assignee.name, email: assignee.email } : null,
    play: play ? { name: play.name, trigger_date: play.triggerDate } : null,
    task: task ? { title: task.title, due_date: task.dueDate, priority: task.priority } : null,
    workspace: workspace ? { name: workspace.name } : undefined,
  };
}
