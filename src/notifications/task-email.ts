import Mustache from 'mustache';
import { sql, type SQL } from 'drizzle-orm';
import { publicBaseUrl, type Config } from '../config.ts';
import type { Deps } from '../context.ts';
import { taskLinkFor } from '../templates/complete-link.ts';

/** What one task e-mail shows: everything the recipient needs to act on it. */
export type TaskEmailView = {
  /** "Hi Ann, Bob assigned you a task." */
  lead: string;
  title: string;
  accountName: string;
  /** The due date (a calendar date, `YYYY-MM-DD`). */
  dueDate: string;
  priority?: string;
  /** Plain-text details (the description, already reduced to text). */
  details?: string;
  /** The task in the app (sign-in required). */
  taskUrl: string;
  /** The signed "complete this task" link, for the assignee only. */
  completeUrl?: string;
};

// Fixed templates written here, never by users; every value is escaped for where it lands.
const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2328;line-height:1.5">
<p>{{lead}}</p>
<table role="presentation" cellpadding="4" style="border-collapse:collapse">
<tr><td style="color:#59636e">Task</td><td><a href="{{taskUrl}}"><strong>{{title}}</strong></a></td></tr>
<tr><td style="color:#59636e">Account</td><td>{{accountName}}</td></tr>
<tr><td style="color:#59636e">Due</td><td>{{due}}</td></tr>
{{#priority}}<tr><td style="color:#59636e">Priority</td><td>{{priority}}</td></tr>{{/priority}}
</table>
{{#details}}<p style="white-space:pre-wrap">{{details}}</p>{{/details}}
<p><a href="{{taskUrl}}">Open the task in Playmaker</a></p>
{{#completeUrl}}<p><a href="{{completeUrl}}" style="display:inline-block;padding:8px 14px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:6px">Complete this task</a><br>
<span style="color:#59636e;font-size:13px">No sign-in needed: pick the outcome and add notes.</span></p>{{/completeUrl}}
</body></html>
`;

const TEXT = `{{lead}}

Task: {{title}}
Account: {{accountName}}
Due: {{due}}
{{#priority}}Priority: {{priority}}
{{/priority}}{{#details}}
{{details}}
{{/details}}
Open the task in Playmaker: {{taskUrl}}
{{#completeUrl}}
Complete this task without signing in (pick the outcome, add notes):
{{completeUrl}}
{{/completeUrl}}`;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** HTML text and attribute values (always double-quoted here); URLs stay readable. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A due date for people: "Tuesday, 8 December 2026". It is a calendar date, so no zone shifts it. */
export function formatDueDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(d);
}

/**
 * `formatDueDate` inside a statement, for e-mail text the engine writes in SQL when each row has its
 * own date ("Thursday, 5 March 2026"; English names whatever the server's locale).
 */
export const formatDueDateSql = (date: SQL): SQL =>
  sql`to_char((${date})::date, 'FMDay, FMDD FMMonth YYYY')`;

/** The link that opens one task in the app (as the daily digest links it). */
export function taskAppUrl(config: Pick<Config, 'PLAYMAKER_PUBLIC_URL' | 'PORT'>, id: string) {
  return `${publicBaseUrl(config)}/portfolio?task=${encodeURIComponent(id)}`;
}

/**
 * One task e-mail as HTML and its plain-text alternative, from one view (SPEC §3): user content
 * (titles, account names, details) is HTML-escaped in the HTML part and left as is in the text part.
 */
export function renderTaskEmail(view: TaskEmailView): { text: string; html: string } {
  const data = {
    ...view,
    due: formatDueDate(view.dueDate),
    priority: view.priority || null,
    details: view.details || null,
    completeUrl: view.completeUrl || null,
  };
  return {
    html: Mustache.render(HTML, data, {}, { escape: escapeHtml }),
    text: Mustache.render(TEXT, data, {}, { escape: (s: string) => s }).trimEnd(),
  };
}

/** One task in a summary e-mail: its own app link and, for the assignee, its signed complete link. */
export type SummaryTask = Omit<TaskEmailView, 'lead' | 'details'>;

/** A group of tasks under a heading (an account, "Overdue"); without a heading, a plain list. */
export type TaskSummarySection = {
  heading?: string;
  /** Where the heading links (the account in the app). */
  headingUrl?: string;
  tasks: SummaryTask[];
  /** Tasks of this group not listed ("… and 3 more in My Portfolio"). */
  more?: number;
};

/** A summary e-mail (a play's firing, tasks reassigned, the daily digest): one lead, then sections. */
export type TaskSummaryEmailView = {
  /** The HTML document's title; the subject reads well here. */
  title: string;
  lead: string;
  sections: TaskSummarySection[];
  /** My Portfolio in the app, where the tasks not listed are. */
  portfolioUrl: string;
  /** A closing line: why the recipient gets this and how to stop it. */
  footer?: string;
};

const SUMMARY_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>{{title}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1f2328;line-height:1.5">
<p>{{lead}}</p>
{{#sections}}{{#heading}}<h3 style="font-size:16px;margin:18px 0 6px">{{#headingUrl}}<a href="{{headingUrl}}">{{/headingUrl}}{{heading}}{{#headingUrl}}</a>{{/headingUrl}}</h3>
{{/heading}}<ul style="padding-left:18px">
{{#tasks}}<li style="margin-bottom:10px"><a href="{{taskUrl}}"><strong>{{title}}</strong></a> ({{accountName}})<br>
<span style="color:#59636e">Due {{due}}{{#priority}}, priority {{priority}}{{/priority}}</span>{{#completeUrl}}<br>
<a href="{{completeUrl}}">Complete this task</a> <span style="color:#59636e;font-size:13px">(no sign-in needed)</span>{{/completeUrl}}</li>
{{/tasks}}</ul>
{{#more}}<p>… and {{more}} more in <a href="{{portfolioUrl}}">My Portfolio</a>.</p>
{{/more}}{{/sections}}{{#footer}}<p style="color:#59636e;font-size:13px">{{footer}}</p>
{{/footer}}</body></html>
`;

const SUMMARY_TEXT = `{{lead}}
{{#sections}}
{{#heading}}

{{heading}}{{#headingUrl}}
{{headingUrl}}{{/headingUrl}}
{{/heading}}
{{#tasks}}

- {{title}} ({{accountName}})
  Due: {{due}}{{#priority}}, priority {{priority}}{{/priority}}
  Open: {{taskUrl}}
{{#completeUrl}}
  Complete without signing in: {{completeUrl}}
{{/completeUrl}}
{{/tasks}}
{{#more}}

… and {{more}} more in My Portfolio: {{portfolioUrl}}
{{/more}}
{{/sections}}
{{#footer}}

{{footer}}
{{/footer}}`;

/** Several tasks in one e-mail, HTML + text from one view like `renderTaskEmail`. */
export function renderTaskSummaryEmail(view: TaskSummaryEmailView): { text: string; html: string } {
  const data = {
    title: view.title,
    lead: view.lead,
    portfolioUrl: view.portfolioUrl,
    footer: view.footer || null,
    sections: view.sections.map((s) => ({
      heading: s.heading || null,
      headingUrl: s.headingUrl || null,
      more: s.more ? String(s.more) : null,
      tasks: s.tasks.map((t) => ({
        ...t,
        due: formatDueDate(t.dueDate),
        priority: t.priority || null,
        completeUrl: t.completeUrl || null,
      })),
    })),
  };
  return {
    html: Mustache.render(SUMMARY_HTML, data, {}, { escape: escapeHtml }),
    text: Mustache.render(SUMMARY_TEXT, data, {}, { escape: (s: string) => s })
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd(),
  };
}

/** A task's two links for its assignee's e-mail: the app, and the signed complete link. */
export function taskLinks(
  deps: Pick<Deps, 'secrets' | 'config'>,
  task: { id: string; assigneeUserId: string | null; version: number },
  now: Date,
): { taskUrl: string; completeUrl?: string } {
  return {
    taskUrl: taskAppUrl(deps.config, task.id),
    ...(task.assigneeUserId
      ? {
          completeUrl: taskLinkFor(
            deps.secrets,
            deps.config,
            { id: task.id, assigneeUserId: task.assigneeUserId, version: task.version },
            now,
          ),
        }
      : {}),
  };
}

/** My Portfolio in the app: where a summary's unlisted tasks are. */
export const portfolioUrl = (config: Pick<Config, 'PLAYMAKER_PUBLIC_URL' | 'PORT'>) =>
  `${publicBaseUrl(config)}/portfolio`;

/** An account in the app, for a summary's account heading. */
export const accountAppUrl = (
  config: Pick<Config, 'PLAYMAKER_PUBLIC_URL' | 'PORT'>,
  accountId: string,
) => `${publicBaseUrl(config)}/accounts/${encodeURIComponent(accountId)}`;
