export type AttributeChange = { key: string; from: unknown; to: unknown };
type Attributes = Record<string, unknown>;

/** Applies a validated patch: keys with `null` are removed, the rest overwrite. */
export function mergeAttributes(current: Attributes, patch: Attributes): Attributes {
  const out: Attributes = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Values are JSON scalars, so comparing their JSON text is exact. */
export const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys whose value differs between two attribute sets (absent = null), in key order. */
export function diffAttributes(before: Attributes, after: Attributes): AttributeChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => !sameValue(before[k], after[k]))
    .map((key) => ({ key, from: before[key] ?? null, to: after[key] ?? null }));
}

/** Tags are a set: trimmed, non-empty, first spelling kept, order preserved. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

export const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
