// The accounts list's optional columns: every account attribute definition (by its label) and every
// account role (its holder). Ids match the server's sort/filter column names (attr.<key>, role.<id>).
import type { AccountRole, AttributeDef, AttributeType } from '@/features/lookups/api';

export type ColumnKind = AttributeType | 'role';
export type ListColumn = { id: string; label: string; kind: ColumnKind; enumValues?: string[] };

export function listColumns(
  defs: AttributeDef[] | undefined,
  roles: AccountRole[] | undefined,
): ListColumn[] {
  return [
    ...(defs ?? [])
      .filter((d) => d.entity === 'account')
      .map((d) => ({
        id: `attr.${d.key}`,
        label: d.label,
        kind: d.type,
        enumValues: d.enumValues ?? undefined,
      })),
    ...(roles ?? []).map((r) => ({ id: `role.${r.id}`, label: r.name, kind: 'role' as const })),
  ];
}

const storageKey = (userId: string) => `playmaker.accounts.columns.${userId}`;

/** The columns this person chose last time (per user, in this browser); null when never chosen. */
export function loadChosenColumns(userId: string): string[] | null {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : null;
  } catch {
    return null;
  }
}

export function saveChosenColumns(userId: string, ids: string[]): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(ids));
  } catch {
    // Private mode or a full store: the choice lasts for this page only.
  }
}
