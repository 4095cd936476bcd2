import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { accounts, contacts, users, workspaces } from '../db/schema/index.ts';
import { mergeContextFrom, type MergeContext } from './merge-fields.ts';

/**
 * Loads the merge-field values for one target from the database (every lookup scoped to the
 * workspace). Pass what you have; missing parts render empty.
 */
export async function loadMergeContext(
  db: DbOrTx,
  workspaceId: string,
  refs: {
    accountId?: string | null;
    contactId?: string | null;
    assigneeUserId?: string | null;
    play?: { name: string; triggerDate?: string } | null;
    task?: { title: string; dueDate: string; priority?: string } | null;
  },
): Promise<MergeContext> {
  const [workspace] = await db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const account = refs.accountId
    ? ((
        await db
          .select()
          .from(accounts)
          .where(and(eq(accounts.id, refs.accountId), eq(accounts.workspaceId, workspaceId)))
      )[0] ?? null)
    : null;
  const contact = refs.contactId
    ? ((
        await db
          .select()
          .from(contacts)
          .where(and(eq(contacts.id, refs.contactId), eq(contacts.workspaceId, workspaceId)))
      )[0] ?? null)
    : null;
  const assignee = refs.assigneeUserId
    ? ((
        await db
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(and(eq(users.id, refs.assigneeUserId), eq(users.workspaceId, workspaceId)))
      )[0] ?? null)
    : null;
  return mergeContextFrom({
    account,
    contact,
    assignee,
    play: refs.play ?? null,
    task: refs.task ?? null,
    workspace: workspace ?? null,
  });
}

/** Placeholder values for previews and "test connection" without a real record. */
export function sampleMergeContext(workspaceName: string, today: string): MergeContext {
  return {
    account: {
      id: '00000000-0000-0000-0000-000000000000',
      name: 'Sample Account',
      external_id: 'sample-account',
      lifecycle_stage: 'onboarding',
      account_type: 'customer',
      attributes: {},
    },
    contact: {
      id: '00000000-0000-0000-0000-000000000001',
      external_id: 'sample-contact',
      first_name: 'Sam',
      last_name: 'Sample',
      email: 'sam@example.com',
      phone: null,
      attributes: {},
    },
    assignee: { name: 'Assignee', email: 'assignee@example.com' },
    play: { name: 'Sample play', trigger_date: today },
    task: { title: 'Sample task', due_date: today, priority: 'normal' },
    workspace: { name: workspaceName },
  };
}
