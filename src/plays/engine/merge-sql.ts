import { sql, type SQL } from 'drizzle-orm';
import type { AllowList } from '../../templates/merge-fields.ts';
import { parseTemplate, type Destination } from '../../templates/render.ts';
import { errors } from '../../http/errors.ts';

/**
 * Values known before the statement runs (the same for every row), and whether the statement joins
 * the qualifying child account as `ch` (hierarchy "one per child" only; elsewhere `child.*` is empty).
 */
export type MergeConstants = {
  playName: string;
  triggerDate: string;
  /** A date, or per row (working days: each assignee's own calendar) an SQL date expression. */
  dueDate: string | SQL;
  priority: string;
  workspaceName: string;
  childRow: boolean;
  /** The task's rendered title, for `{{task.title}}` in its description (empty inside the title itself, as by hand). */
  taskTitle?: SQL;
};

const accountCols: Record<string, string> = {
  id: 'id',
  name: 'name',
  external_id: 'external_id',
  lifecycle_stage: 'lifecycle_stage',
  account_type: 'account_type',
};
const childCols: Record<string, string> = { name: 'name', external_id: 'external_id' };
const contactCols: Record<string, string> = {
  id: 'id',
  external_id: 'external_id',
  first_name: 'first_name',
  last_name: 'last_name',
  email: 'email',
  phone: 'phone',
};

/**
 * Turns a merge-field template into one SQL text expression so bulk firing renders titles and
 * descriptions inside `INSERT … SELECT` (no row round-trips). Rows: `ta` task account, `tc` contact,
 * `asg` assignee, `ch` child account (when `k.childRow`). Literal text and attribute keys are
 * parameters; HTML destinations escape values.
 */
export function templateSql(
  text: string,
  destination: Extract<Destination, 'html' | 'text'>,
  allow: AllowList,
  k: MergeConstants,
  path: string,
): SQL {
  const { template, errors: problems } = parseTemplate(text, destination, allow, path);
  if (!template) throw errors.validation(problems, 'The template is not valid.');
  const parts = template.parts.map((part) => {
    if (part.kind === 'text') return sql`${part.text}::text`;
    const v = valueSql(part.path, k);
    return destination === 'html' ? escapeHtml(v) : stripControls(v);
  });
  return parts.length === 0 ? sql`''::text` : sql`(${sql.join(parts, sql` || `)})`;
}

/**
 * A task title as one line: line breaks and tabs become one space, other control characters go
 * (a merged value such as a multi-line account name must not break lists, e-mail subjects or CSV).
 */
export function titleSql(text: string, allow: AllowList, k: MergeConstants, path: string): SQL {
  const merged = templateSql(text, 'text', allow, k, path);
  return sql`btrim(regexp_replace(regexp_replace(${merged}, ${'[\\r\\n\\t]+'}::text, ' ', 'g'), ${'[\\u0001-\\u001f\\u007f]'}::text, '', 'g'))`;
}

function valueSql(path: string[], k: MergeConstants): SQL {
  const [entity, field, key] = path;
  const text = (e: SQL) => sql`coalesce((${e})::text, '')`;
  if (entity === 'account' && field === 'attributes' && key)
    return text(sql`ta.attributes->>${key}::text`);
  if (entity === 'contact' && field === 'attributes' && key)
    return text(sql`tc.attributes->>${key}::text`);
  if (entity === 'account' && field && accountCols[field])
    return text(sql`ta.${sql.raw(accountCols[field])}`);
  if (entity === 'contact' && field && contactCols[field])
    return text(sql`tc.${sql.raw(contactCols[field])}`);
  if (entity === 'child') {
    if (!k.childRow) return sql`''::text`;
    if (field === 'attributes' && key) return text(sql`ch.attributes->>${key}::text`);
    if (field && childCols[field]) return text(sql`ch.${sql.raw(childCols[field])}`);
  }
  if (entity === 'assignee' && field === 'name') return text(sql`asg.name`);
  if (entity === 'assignee' && field === 'email') return text(sql`asg.email`);
  if (entity === 'task' && field === 'title') return k.taskTitle ?? sql`''::text`;
  const constant: Record<string, string | SQL> = {
    'play.name': k.playName,
    'play.trigger_date': k.triggerDate,
    'task.due_date': k.dueDate,
    'task.priority': k.priority,
    'workspace.name': k.workspaceName,
  };
  return sql`${constant[path.join('.')] ?? ''}::text`;
}

/** The same escapes as the JS renderer (`render.ts`), `&` first. */
function escapeHtml(v: SQL): SQL {
  const escapes: Array<[string, string]> = [
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&#39;'],
    ['/', '&#x2F;'],
    ['`', '&#x60;'],
    ['=', '&#x3D;'],
  ];
  return escapes.reduce((acc, [c, e]) => sql`replace(${acc}, ${c}::text, ${e}::text)`, v);
}

/** Text values lose control characters except tab and line breaks, as in the JS renderer. */
function stripControls(v: SQL): SQL {
  return sql`regexp_replace(${v}, ${'[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]'}::text, '', 'g')`;
}
