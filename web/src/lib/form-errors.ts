// Puts the API's validation details next to the fields they concern; every other detail becomes a form-level
// "path: message" line, so no error the server reports is ever silently dropped.
import { ApiError, type ErrorDetail } from './api-client';

/**
 * Where a form shows API errors (paths without the `body.`/`query.`/`params.` prefix):
 * `fields` take their own path and every path under it, `exact` only their own path,
 * `aliases` map a path (and everything under it) to another field name. The most specific match wins.
 */
export type ErrorTargets = {
  fields?: string[];
  exact?: string[];
  aliases?: Record<string, string>;
};

/** The form field errors (messages for one field joined) and the lines for a general alert. */
export type RoutedErrors = { byField: Record<string, string>; rest: string[] };

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);

/** The API path as the form knows it: `body.actions.0.title` → `actions.0.title`. */
export const formPath = (path: string) => path.replace(/^(body|query|params)(\.|$)/, '');

// The schema's words for an empty required input, in the words of the form (pickers send '' when nothing is chosen).
const plainWords: Array<[RegExp, string]> = [
  [/^Invalid UUID$/, 'Choose one.'],
  [/^Too small: expected string to have >=1 characters?$/, 'Required.'],
];
const plain = (message: string) => plainWords.find(([re]) => re.test(message))?.[1] ?? message;

function targetOf(path: string, t: ErrorTargets): string | undefined {
  let best: { field: string; len: number } | undefined;
  const consider = (prefix: string, field: string, len = prefix.length) => {
    if (!best || len > best.len) best = { field, len };
  };
  for (const f of t.fields ?? []) if (under(path, f)) consider(f, f);
  // An exact match beats a prefix of the same length (e.g. `actions` exact vs a `actions` field elsewhere).
  for (const e of t.exact ?? []) if (path === e) consider(e, e, e.length + 0.5);
  for (const [a, f] of Object.entries(t.aliases ?? {})) if (under(path, a)) consider(a, f);
  return best?.field;
}

/** Routes validation details to fields; whatever no field shows is returned as "path: message" lines. */
export function routeErrorDetails(details: ErrorDetail[], targets: ErrorTargets): RoutedErrors {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const raw of details) {
    const d = { path: raw.path, message: plain(raw.message) };
    const path = formPath(d.path);
    const field = path ? targetOf(path, targets) : undefined;
    if (field === undefined) {
      const line = path ? `${path}: ${d.message}` : d.message;
      if (!rest.includes(line)) rest.push(line);
    } else if (!byField[field]) byField[field] = d.message;
    // Several problems on one field are all shown.
    else if (!byField[field].split('; ').includes(d.message))
      byField[field] = `${byField[field]}; ${d.message}`;
  }
  return { byField, rest };
}

/** Routes a thrown error; an error without details (or not from the API) becomes one general line. */
export function routeErrors(err: unknown, targets: ErrorTargets): RoutedErrors {
  if (!(err instanceof ApiError))
    return { byField: {}, rest: [err instanceof Error ? err.message : String(err)] };
  if (err.details.length === 0) return { byField: {}, rest: [err.message] };
  return routeErrorDetails(err.details, targets);
}

/**
 * Maps `details[].path` (e.g. `body.title`, `body.assignee.userId`, `attributes.renewal_date`) to form
 * field names. `fields` lists the form's field names; `aliases` maps an API path prefix to a field.
 */
export function fieldErrors(err: unknown, fields: string[], aliases: Record<string, string> = {}) {
  return routeErrors(err, { fields, aliases });
}

/** Keeps the errors under `prefix.` with that prefix removed (`actions.2.title` → `title` for `actions.2`). */
export function errorsUnder(
  byField: Record<string, string>,
  prefix: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(byField)) {
    if (k === prefix) out[''] = v;
    else if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  }
  return out;
}

/** Prefixes every target with `prefix.` (for an editor that declares its targets relative to itself). */
export function prefixTargets(prefix: string, t: ErrorTargets): Required<ErrorTargets> {
  const p = (s: string) => (s ? `${prefix}.${s}` : prefix);
  return {
    fields: (t.fields ?? []).map(p),
    exact: (t.exact ?? []).map(p),
    aliases: Object.fromEntries(Object.entries(t.aliases ?? {}).map(([a, f]) => [p(a), p(f)])),
  };
}

/** Merges several target lists into one. */
export function mergeTargets(...all: ErrorTargets[]): Required<ErrorTargets> {
  return {
    fields: all.flatMap((t) => t.fields ?? []),
    exact: all.flatMap((t) => t.exact ?? []),
    aliases: Object.assign({}, ...all.map((t) => t.aliases ?? {})) as Record<string, string>,
  };
}
