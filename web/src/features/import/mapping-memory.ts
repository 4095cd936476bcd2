// The column mapping, remembered per file header: localStorage keyed by a hash of the entity and the header row.
import type { ImportEntity, Target } from './fields.ts';

/** FNV-1a (32-bit) of the header cells; stable across sessions and browsers. Pure. */
export function headerHash(entity: ImportEntity, header: string[]): string {
  let h = 0x811c9dc5;
  const s = `${entity}\u0000${header.map((c) => c.trim()).join('\u0000')}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const keyOf = (entity: ImportEntity, header: string[]) =>
  `playmaker.csv-import.mapping.${headerHash(entity, header)}`;

/** The remembered mapping for this header, if it still has one target per column. */
export function loadMapping(
  entity: ImportEntity,
  header: string[],
  storage: Pick<Storage, 'getItem'> = localStorage,
): Target[] | null {
  try {
    const raw = storage.getItem(keyOf(entity, header));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) &&
      parsed.length === header.length &&
      parsed.every((t) => typeof t === 'string')
      ? (parsed as Target[])
      : null;
  } catch {
    return null;
  }
}

export function saveMapping(
  entity: ImportEntity,
  header: string[],
  mapping: Target[],
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(keyOf(entity, header), JSON.stringify(mapping));
  } catch {
    // Storage full or disabled: the mapping is simply not remembered.
  }
}
