import type { Actor, Deps } from '../context.ts';
import { requireRole } from '../auth/access.ts';
import { csvRow } from '../tasks/export-csv.ts';
import { auditRows, auditWhere, toAuditOut } from './list-audit-events.ts';
import type { AuditFilters } from './schema.ts';

const CHUNK = 1000;
const header = [
  'created_at',
  'actor_id',
  'actor_name',
  'via',
  'ip',
  'kind',
  'target_type',
  'target_id',
  'target_name',
  'description',
  'changes',
];

/**
 * The filtered audit log as CSV lines, newest first, read in keyset chunks. Access and filters are
 * checked before the first line, so a refusal is an ordinary error response rather than a cut stream.
 */
export function exportAuditCsv(
  deps: Deps,
  actor: Actor,
  filters: AuditFilters,
): AsyncGenerator<string> {
  requireRole(actor, 'admin');
  const where = auditWhere(actor, filters);
  return (async function* lines() {
    yield csvRow(header);
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await auditRows(deps.db, where, after, CHUNK);
      let out = '';
      for (const e of rows.map(toAuditOut)) {
        out += csvRow([
          e.createdAt,
          e.actor.id,
          e.actor.name,
          e.actor.via,
          e.actor.ip,
          e.kind,
          e.target.type,
          e.target.id,
          e.target.name,
          e.description,
          JSON.stringify(e.changes),
        ]);
      }
      if (out) yield out;
      if (rows.length < CHUNK) return;
      const last = rows.at(-1)!;
      after = [last.createdAt.toISOString(), String(last.id)];
    }
  })();
}
