// Puts the API's validation details next to the fields they concern; the rest become a form-level message.
import { ApiError } from './api-client';

/**
 * Maps `details[].path` (e.g. `body.title`, `body.assignee.userId`, `attributes.renewal_date`) to form
 * field names. `fields` lists the form's field names; `aliases` maps an API path prefix to a field.
 */
export function fieldErrors(err: unknown, fields: string[], aliases: Record<string, string> = {}) {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  if (!(err instanceof ApiError)) return { byField, rest: [err instanceof Error ? err.message : String(err)] };
  for (const d of err.details) {
    const path = d.path.replace(/^(body|query|params)\./, '');
    const alias = Object.keys(aliases).sort((a, b) => b.length - a.length).find((a) => path === a || path.startsWith(`${a}.`));
    const field = alias ? aliases[alias] : fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (field && !byField[field]) byField[field] = d.message;
    else if (!field) rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  if (Object.keys(byField).length === 0 && rest.length === 0) rest.push(err.message);
  return { byField, rest };
}
