import Mustache from 'mustache';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { defaultAllowList, type AllowList, type MergeContext } from './merge-fields.ts';

/** Where a rendered value lands decides how it is escaped. */
export type Destination = 'html' | 'text' | 'url' | 'json' | 'header';

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; path: string[]; inString: boolean };

/** A template parsed once (at save time or first use); rendering never parses again. */
export type ParsedTemplate = { source: string; destination: Destination; parts: Part[] };

// User templates are data: never keep them in mustache's global cache.
Mustache.templateCache = undefined;

const MAX_TEMPLATE_CHARS = 20_000;
const segmentPattern = /^[a-z_][a-z0-9_]*$/i;
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);
const refusedTag: Record<string, string> = {
  '&': 'unescaped output ({{{x}}} or {{& x}}) is not allowed; values are always escaped',
  '#': 'sections ({{#x}}…{{/x}}) are not allowed; templates hold merge fields only',
  '^': 'inverted sections ({{^x}}…{{/x}}) are not allowed; templates hold merge fields only',
  '>': 'partials ({{>x}}) are not allowed',
  '!': 'comments ({{! … }}) are not allowed',
  '=': 'changing delimiters ({{=<% %>=}}) is not allowed',
};

function checkName(name: string, allow: AllowList): string | null {
  const path = name.split('.');
  if (path.some((s) => forbiddenSegments.has(s))) return `"${name}" is not allowed`;
  if (!path.every((s) => segmentPattern.test(s)))
    return `"${name}" is not a merge field name (use letters, digits, _ and dots)`;
  if (allow.names.has(name)) return null;
  const [entity, attrs, key, ...rest] = path;
  if (
    (entity === 'account' || entity === 'contact' || entity === 'child') &&
    attrs === 'attributes' &&
    key &&
    rest.length === 0
  ) {
    // The child is an account: its attribute keys are account attribute keys.
    const known = entity === 'contact' ? allow.contactAttributes : allow.accountAttributes;
    return known === 'any' || known.has(key)
      ? null
      : `unknown ${entity === 'contact' ? 'contact' : 'account'} attribute "${key}"`;
  }
  return `unknown merge field "${name}"`;
}

/** Tracks whether JSON text leaves us inside a string literal, so a field there is escaped as string content. */
function advanceJsonString(text: string, inString: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
  }
  return inString;
}

/** Parses and checks a template; returns the parsed form or every problem found (with `path`). */
export function parseTemplate(
  text: string,
  destination: Destination,
  allow: AllowList = defaultAllowList,
  path = 'template',
): { template: ParsedTemplate | null; errors: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  if (text.length > MAX_TEMPLATE_CHARS)
    return {
      template: null,
      errors: [{ path, message: `is longer than ${MAX_TEMPLATE_CHARS} characters` }],
    };
  let tokens: unknown[][];
  try {
    tokens = Mustache.parse(text) as unknown[][];
  } catch (err) {
    return {
      template: null,
      errors: [{ path, message: `cannot be parsed: ${(err as Error).message}` }],
    };
  }
  const parts: Part[] = [];
  let inString = false;
  for (const [type, value, start] of tokens as Array<[string, string, number]>) {
    if (type === 'text') {
      parts.push({ kind: 'text', text: value });
      if (destination === 'json') inString = advanceJsonString(value, inString);
    } else if (type === 'name') {
      const problem = checkName(value, allow);
      if (problem) problems.push({ path, message: `${problem} (at character ${start + 1})` });
      else parts.push({ kind: 'field', name: value, path: value.split('.'), inString });
    } else {
      problems.push({
        path,
        message: `${refusedTag[type] ?? `tag "${type}" is not allowed`} (at character ${start + 1})`,
      });
    }
  }
  if (problems.length) return { template: null, errors: problems };
  const template: ParsedTemplate = { source: text, destination, parts };
  problems.push(...checkShape(template, path));
  return problems.length ? { template: null, errors: problems } : { template, errors: [] };
}

/** Destination-specific checks on a sample rendering (JSON must parse; URLs must be http(s) with a literal scheme and host). */
function checkShape(t: ParsedTemplate, path: string): ErrorDetail[] {
  const sample = render(t, () => 'x"\\</>');
  if (t.destination === 'json') {
    if (t.source.trim() === '') return [];
    try {
      JSON.parse(sample);
    } catch {
      return [
        {
          path,
          message:
            'does not render to valid JSON (merge fields outside quotes become JSON values, inside quotes string content)',
        },
      ];
    }
  }
  if (t.destination === 'url') {
    const first = t.parts[0];
    const literal = first?.kind === 'text' ? first.text : '';
    if (!/^https?:\/\/[^/?#]+/i.test(literal))
      return [
        {
          path,
          message:
            'must start with a literal http:// or https:// address (scheme and host cannot be merge fields)',
        },
      ];
    try {
      new URL(sample);
    } catch {
      return [{ path, message: 'is not a valid URL' }];
    }
  }
  return [];
}

/** The problems with a template, empty when it may be saved. */
export function validateTemplate(
  text: string,
  destination: Destination,
  allow: AllowList = defaultAllowList,
  path = 'template',
): ErrorDetail[] {
  return parseTemplate(text, destination, allow, path).errors;
}

/** Parses or throws the one validation error (for use cases saving templates). */
export function compileTemplate(
  text: string,
  destination: Destination,
  allow: AllowList = defaultAllowList,
  path = 'template',
): ParsedTemplate {
  const { template, errors: problems } = parseTemplate(text, destination, allow, path);
  if (!template) throw errors.validation(problems, 'A template is not valid.');
  return template;
}

function lookup(context: MergeContext, path: string[]): unknown {
  let cur: unknown = context;
  for (const segment of path) {
    // Own properties of plain data only: a name can never reach a prototype or a method.
    if (
      cur === null ||
      typeof cur !== 'object' ||
      Array.isArray(cur) ||
      !Object.hasOwn(cur, segment)
    )
      return undefined;
    cur = (cur as Record<string, unknown>)[segment];
  }
  return cur;
}

const asText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
/** Drops control characters (keeping tab, and line breaks when `keepLines`): no header or log injection. */
function stripControls(s: string, keepLines: boolean): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const control = c < 0x20 || c === 0x7f;
    if (!control || c === 0x09 || (keepLines && (c === 0x0a || c === 0x0d))) out += ch;
  }
  return out;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '/': '&#x2F;',
  '`': '&#x60;',
  '=': '&#x3D;',
};
// JSON text may end up inside HTML or a script somewhere downstream; these escapes keep it inert there too.
const jsonSafe = (s: string) =>
  s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

// encodeURIComponent leaves "." and ".." as they are, and a URL parser resolves them as dot segments.
const encodeUrlValue = (s: string) =>
  /^\.+$/.test(s) ? s.replaceAll('.', '%2E') : encodeURIComponent(s);

function escapeFor(
  t: ParsedTemplate,
  part: Extract<Part, { kind: 'field' }>,
  value: unknown,
): string {
  switch (t.destination) {
    case 'html':
      return asText(value).replace(/[&<>"'/`=]/g, (c) => htmlEscapes[c]!);
    case 'text':
      return stripControls(asText(value), true);
    case 'url':
      return encodeUrlValue(asText(value));
    case 'header':
      return stripControls(asText(value), false).replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
    case 'json':
      if (part.inString) return jsonSafe(JSON.stringify(asText(value)).slice(1, -1));
      return jsonSafe(JSON.stringify(value === undefined ? null : value));
  }
}

function render(
  t: ParsedTemplate,
  valueOf: (part: Extract<Part, { kind: 'field' }>) => unknown,
): string {
  // Values are appended, never parsed: a value containing {{…}} stays literal text.
  let out = '';
  for (const part of t.parts)
    out += part.kind === 'text' ? part.text : escapeFor(t, part, valueOf(part));
  return out;
}

/**
 * Renders with escaping chosen by `destination` (a parsed template keeps the destination it was
 * parsed for unless another is given). Text is parsed with the default allow-list and throws the
 * validation error when invalid.
 */
export function renderTemplate(
  parsedOrText: ParsedTemplate | string,
  context: MergeContext,
  destination?: Destination,
): string {
  const dest =
    destination ?? (typeof parsedOrText === 'string' ? 'text' : parsedOrText.destination);
  const parsed =
    typeof parsedOrText === 'string' || parsedOrText.destination !== dest
      ? compileTemplate(typeof parsedOrText === 'string' ? parsedOrText : parsedOrText.source, dest)
      : parsedOrText;
  return render(parsed, (part) => lookup(context, part.path));
}
