// Turns CSV records into bulk upsert rows, with the same rules the server applies (required fields, lengths, e-mail
// and phone shapes, attribute types), so rejected rows are known before anything is written. Pure: no DOM, no I/O.
import type { AttrDef, ImportEntity, Target } from './fields.ts';
import { requiredTargets } from './fields.ts';

export type BulkRow = Record<string, unknown>;
export type RowResult = { ok: true; row: BulkRow } | { ok: false; reasons: string[] };

const labels: Record<string, string> = {
  externalId: 'external id',
  name: 'name',
  parentExternalId: 'parent external id',
  lifecycleStage: 'lifecycle stage',
  accountType: 'account type',
  tags: 'tags',
  teams: 'teams',
  accountExternalId: 'account external id',
  firstName: 'first name',
  lastName: 'last name',
  email: 'e-mail',
  phone: 'phone',
};
const maxLength: Record<string, number> = {
  externalId: 200,
  name: 300,
  parentExternalId: 200,
  lifecycleStage: 100,
  accountType: 100,
  accountExternalId: 200,
  firstName: 200,
  lastName: 200,
  email: 320,
};
const emailPattern =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const phonePattern = /^\+?[0-9][0-9 ()./-]{2,49}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const splitList = (s: string) => [
  ...new Set(
    s
      .split(/[;,]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** One attribute cell to its typed value, or the reason it cannot be one. */
export function attributeValue(def: AttrDef, raw: string): { value: unknown } | { error: string } {
  const s = raw.trim();
  switch (def.type) {
    case 'number': {
      const n = Number(s.replace(/[\s_]/g, ''));
      return s !== '' && Number.isFinite(n)
        ? { value: n }
        : { error: `${def.label} must be a number` };
    }
    case 'boolean': {
      const b = s.toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(b)) return { value: true };
      if (['false', 'no', 'n', '0'].includes(b)) return { value: false };
      return { error: `${def.label} must be true or false` };
    }
    case 'date': {
      const d = s.slice(0, 10);
      return isIsoDate(d) && (s.length === 10 || !Number.isNaN(Date.parse(s)))
        ? { value: d }
        : { error: `${def.label} must be a date (YYYY-MM-DD)` };
    }
    case 'enum': {
      const v = (def.enumValues ?? []).find((e) => e.toLowerCase() === s.toLowerCase());
      return v !== undefined
        ? { value: v }
        : { error: `${def.label} must be one of: ${(def.enumValues ?? []).join(', ')}` };
    }
    case 'user':
      return uuidPattern.test(s) ? { value: s } : { error: `${def.label} must be a user id` };
    case 'text':
      return s.length <= 10_000
        ? { value: s }
        : { error: `${def.label} must be at most 10,000 characters` };
  }
}

/**
 * One CSV record to one bulk row. Empty cells are left out (the stored value is kept), so a column can be mapped
 * without overwriting what a blank cell would clear.
 */
export function toBulkRow(
  entity: ImportEntity,
  record: string[],
  mapping: Target[],
  defs: Map<string, AttrDef>,
): RowResult {
  const row: BulkRow = {};
  const attributes: Record<string, unknown> = {};
  const reasons: string[] = [];
  mapping.forEach((target, col) => {
    if (!target) return;
    const cell = (record[col] ?? '').trim();
    if (cell === '') return;
    if (target.startsWith('attr:')) {
      const def = defs.get(target.slice(5));
      if (!def) return;
      const v = attributeValue(def, cell);
      if ('error' in v) reasons.push(v.error);
      else attributes[def.key] = v.value;
      return;
    }
    if (target === 'tags' || target === 'teams') {
      const list = splitList(cell);
      if (list.some((t) => t.length > (target === 'tags' ? 100 : 200)))
        reasons.push(`a value in ${labels[target]} is too long`);
      else if (list.length > (target === 'tags' ? 100 : 50))
        reasons.push(`too many ${labels[target]}`);
      else row[target] = list;
      return;
    }
    const max = maxLength[target];
    if (max !== undefined && cell.length > max) {
      reasons.push(`${labels[target] ?? target} must be at most ${max} characters`);
      return;
    }
    if (target === 'email' && !emailPattern.test(cell)) {
      reasons.push('e-mail is not a valid address');
      return;
    }
    if (target === 'phone' && !phonePattern.test(cell)) {
      reasons.push('phone must be a phone number (digits, spaces, + ( ) . - /)');
      return;
    }
    row[target] = cell;
  });
  for (const t of requiredTargets(entity))
    if (row[t] === undefined) reasons.push(`${labels[t]} is required`);
  if (
    entity === 'account' &&
    row.parentExternalId !== undefined &&
    row.parentExternalId === row.externalId
  )
    reasons.push('an account cannot be its own parent');
  if (Object.keys(attributes).length > 0) row.attributes = attributes;
  return reasons.length ? { ok: false, reasons } : { ok: true, row };
}

export type Validated = {
  rows: Array<{ line: number; row: BulkRow }>;
  rejected: Array<{ line: number; reasons: string[] }>;
};

/**
 * Validates records [from, to) of a file (line = index in `records`), rejecting a repeated external id after its
 * first row. `seen` carries the external ids across calls so a large file can be validated in slices.
 */
export function validateSlice(
  entity: ImportEntity,
  records: string[][],
  from: number,
  to: number,
  mapping: Target[],
  defs: Map<string, AttrDef>,
  seen: Map<string, number>,
  out: Validated,
): void {
  for (let line = from; line < to; line++) {
    const r = toBulkRow(entity, records[line]!, mapping, defs);
    if (!r.ok) {
      out.rejected.push({ line, reasons: r.reasons });
      continue;
    }
    const ext = r.row.externalId as string;
    const first = seen.get(ext);
    if (first !== undefined) {
      out.rejected.push({ line, reasons: [`same external id as line ${first + 2}`] });
      continue;
    }
    seen.set(ext, line);
    out.rows.push({ line, row: r.row });
  }
}

/**
 * Orders account rows so a parent named in the file is written before its children (chunks are separate requests);
 * rows in a parent loop are rejected. Other entities keep the file's order.
 */
export function orderParentsFirst(v: Validated): Validated {
  const byExt = new Map(v.rows.map((r) => [r.row.externalId as string, r]));
  const depth = new Map<string, number>();
  const rejected = [...v.rejected];
  const depthOf = (ext: string): number => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | undefined = ext;
    while (cur !== undefined && byExt.has(cur) && !depth.has(cur)) {
      if (onPath.has(cur)) {
        for (const p of path) depth.set(p, -1);
        return -1;
      }
      onPath.add(cur);
      path.push(cur);
      cur = byExt.get(cur)!.row.parentExternalId as string | undefined;
    }
    const above = cur !== undefined && depth.has(cur) ? depth.get(cur)! : -1;
    if (cur !== undefined && above === -1 && depth.has(cur)) {
      for (const p of path) depth.set(p, -1);
      return -1;
    }
    let d = cur !== undefined && depth.has(cur) ? above : -1;
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i]!, ++d);
    return depth.get(ext)!;
  };
  const kept: Array<{ line: number; row: BulkRow; d: number }> = [];
  for (const r of v.rows) {
    const d = depthOf(r.row.externalId as string);
    if (d < 0) rejected.push({ line: r.line, reasons: ['parent external id forms a loop'] });
    else kept.push({ ...r, d });
  }
  kept.sort((a, b) => a.d - b.d || a.line - b.line);
  rejected.sort((a, b) => a.line - b.line);
  return { rows: kept.map(({ line, row }) => ({ line, row })), rejected };
}

/** The server's `body.rows.<i>.<field>` details, by index within the request. */
export function reasonsByIndex(
  details: Array<{ path: string; message: string }>,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const d of details) {
    const m = /^(?:body\.)?rows\.(\d+)(?:\.(.+))?$/.exec(d.path);
    if (!m) continue;
    const i = Number(m[1]);
    const f = m[2];
    const field = !f
      ? ''
      : f.startsWith('attributes.')
        ? `${f.slice(11)}: `
        : `${labels[f.split('.')[0]!] ?? f}: `;
    out.set(i, [...(out.get(i) ?? []), `${field}${d.message}`]);
  }
  return out;
}
