// Writes validated rows through the bulk upsert endpoints in chunks of 1,000 (each request is all or nothing). Rows
// the server refuses are rejected with its reasons (`body.rows.<i>.<field>`) and the rest of the chunk is sent again.
import { ApiError, client, ok } from '@/lib/api-client';
import type { ImportEntity } from './fields.ts';
import { reasonsByIndex, type BulkRow } from './validate-rows.ts';

export const CHUNK_ROWS = 1000;

export type WriteTotals = { created: number; updated: number; unchanged: number; written: number };
export type WriteProgress = { done: number; total: number };

async function send(entity: ImportEntity, rows: BulkRow[]) {
  // The rows were built to the request schemas by validate-rows; the server validates them again.
  if (entity === 'account') {
    return ok(client.POST('/api/v1/accounts/bulk', { body: { rows: rows as never } }));
  }
  return ok(client.POST('/api/v1/contacts/bulk', { body: { rows: rows as never } }));
}

export async function writeRows(
  entity: ImportEntity,
  rows: Array<{ line: number; row: BulkRow }>,
  onReject: (line: number, reasons: string[]) => void,
  onProgress: (p: WriteProgress) => void,
  signal: { cancelled: boolean },
): Promise<WriteTotals> {
  const totals: WriteTotals = { created: 0, updated: 0, unchanged: 0, written: 0 };
  let done = 0;
  for (let start = 0; start < rows.length && !signal.cancelled; start += CHUNK_ROWS) {
    let pending = rows.slice(start, start + CHUNK_ROWS);
    const size = pending.length;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        const r = await send(
          entity,
          pending.map((p) => p.row),
        );
        totals.created += r.created;
        totals.updated += r.updated;
        totals.unchanged += r.unchanged;
        totals.written += pending.length;
        break;
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, 'error', (e as Error).message);
        const byIndex = reasonsByIndex(err.details);
        if (byIndex.size === 0 || attempt >= 3) {
          for (const p of pending) onReject(p.line, [err.message]);
          break;
        }
        pending.forEach((p, i) => {
          const reasons = byIndex.get(i);
          if (reasons) onReject(p.line, reasons);
        });
        pending = pending.filter((_, i) => !byIndex.has(i));
      }
    }
    done += size;
    onProgress({ done, total: rows.length });
  }
  return totals;
}
