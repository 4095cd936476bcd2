import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { feedPayloadSql, writeFeedItems } from '../feed/write-feed.ts';

export type DeadLetter = {
  workspaceId: string;
  deliveryId: string;
  webhook: string;
  accountId: string | null;
  statusCode: number | null;
  attempts: number;
  error: string | null;
};

/**
 * Tells every enabled admin of the workspace that a delivery was dead-lettered (SPEC §8, §9): one
 * statement for a batch, in the transaction that marks the deliveries dead.
 */
export async function recordDeadLetterFeed(tx: DbOrTx, dead: DeadLetter[], at: Date) {
  const byWorkspace = Map.groupBy(dead, (d) => d.workspaceId);
  for (const [ws, rows] of byWorkspace) {
    const json = JSON.stringify(
      rows.map((d) => ({
        id: d.deliveryId,
        webhook: d.webhook,
        account_id: d.accountId,
        code: d.statusCode,
        attempts: d.attempts,
        error: d.error,
      })),
    );
    await writeFeedItems(tx, 'webhook_failed', {
      workspaceId: ws,
      userId: sql`u.id`,
      accountId: sql`v.account_id`,
      taskId: null,
      payload: feedPayloadSql('webhook_failed', {
        deliveryId: sql`v.id`,
        webhook: sql`v.webhook`,
        accountName: sql`a.name`,
        statusCode: sql`v.code`,
        attempts: sql`v.attempts`,
        error: sql`v.error`,
      }),
      at,
      rows: sql`from jsonb_to_recordset(${json}::jsonb)
            as v(id text, webhook text, account_id uuid, code int, attempts int, error text)
          join users u on u.workspace_id = ${ws}::uuid and u.role = 'admin' and u.enabled
          left join accounts a on a.id = v.account_id and a.workspace_id = ${ws}::uuid`,
    });
  }
}
