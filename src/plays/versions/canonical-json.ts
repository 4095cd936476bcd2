// Key-order-insensitive JSON, shared by the server (is a draft any different?) and the web app's version
// diff. Pure, no imports, so both tsconfigs compile it.

/** JSON with object keys sorted: jsonb reorders keys, so stored and fresh documents compare equal. */
export const canonicalJson = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
