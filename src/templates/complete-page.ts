import { and, eq } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { accounts, tasks, teamMembers, users } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { completeTask } from '../tasks/complete-task.ts';
import { richTextToPlain } from '../tasks/rich-text.ts';
import { verifyTaskLink, type TaskLinkClaims } from './complete-link.ts';
import { formatDueDate } from '../notifications/task-email.ts';

export type Page = { status: number; html: string };

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

// No scripts at all: the page works under the app's strict CSP.
function page(title: string, inner: string, status = 200): Page {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)} · Playmaker</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
fieldset{border:1px solid #cbd2d9;border-radius:6px}label{display:block;margin:.3rem 0}textarea{width:100%;min-height:6rem}
button{font:inherit;padding:.5rem 1.2rem;border-radius:6px;border:0;background:#2563eb;color:#fff}.err{color:#b91c1c}.muted{color:#52606d}</style>
</head><body>${inner}</body></html>`,
  };
}

const gone = () =>
  page(
    'Link no longer valid',
    '<h1>This link is no longer valid</h1><p class="muted">The task was completed, reassigned or changed, or the link expired. Open Playmaker to see the task.</p>',
    410,
  );

type Loaded = { claims: TaskLinkClaims; task: typeof tasks.$inferSelect; accountName: string };

/** The task the token grants, while it is still open, assigned to the same person, at the same version. */
async function load(deps: Deps, token: string): Promise<Loaded | null> {
  const claims = verifyTaskLink(deps.secrets, token, deps.clock.now());
  if (!claims) return null;
  const [row] = await deps.db
    .select({ task: tasks, accountName: accounts.name })
    .from(tasks)
    .innerJoin(accounts, eq(accounts.id, tasks.accountId))
    .where(eq(tasks.id, claims.t));
  if (
    !row ||
    row.task.status !== 'open' ||
    row.task.kind !== 'todo' ||
    row.task.assigneeUserId !== claims.u ||
    row.task.version !== claims.v
  )
    return null;
  return { claims, task: row.task, accountName: row.accountName };
}

function form(token: string, l: Loaded, problems: string[] = [], notes = ''): string {
  const t = l.task;
  const outcomes = t.outcomes
    .map(
      (o, i) =>
        `<label><input type="radio" name="outcome" value="${esc(o)}"${i === 0 ? ' required' : ''}> ${esc(o)}</label>`,
    )
    .join('');
  return `<h1>${esc(t.title)}</h1><p class="muted">${esc(l.accountName)} · due ${esc(formatDueDate(t.dueDate))}</p>
<p>${esc(richTextToPlain(t.description)).replace(/\n/g, '<br>')}</p>
${problems.length ? `<ul class="err">${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
<form method="post" action="/t/${esc(token)}">
${t.outcomes.length ? `<fieldset><legend>Outcome</legend>${outcomes}</fieldset>` : ''}
<p><label for="notes">Notes</label><textarea id="notes" name="notes" maxlength="5000">${esc(notes)}</textarea></p>
<button type="submit">Complete task</button></form>`;
}

/** GET /t/:token — the one-task page from the assignment e-mail. */
export async function showCompletePage(deps: Deps, token: string): Promise<Page> {
  const l = await load(deps, token);
  return l ? page(l.task.title, form(token, l)) : gone();
}

async function actorFor(deps: Deps, userId: string, workspaceId: string): Promise<Actor | null> {
  const [u] = await deps.db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)));
  if (!u?.enabled) return null;
  const teamsOf = await deps.db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.userId, u.id));
  return {
    userId: u.id,
    workspaceId,
    role: u.role,
    name: u.name,
    email: u.email,
    teamIds: teamsOf.map((r) => r.teamId),
    via: 'token',
  };
}

/** POST /t/:token — completes exactly that task, as its assignee, through the normal completion use case. */
export async function submitCompletePage(
  deps: Deps,
  token: string,
  body: Record<string, unknown>,
): Promise<Page> {
  const l = await load(deps, token);
  if (!l) return gone();
  const actor = await actorFor(deps, l.claims.u, l.task.workspaceId);
  if (!actor) return gone();
  const outcome =
    typeof body.outcome === 'string' && body.outcome ? body.outcome.slice(0, 100) : undefined;
  const notes = typeof body.notes === 'string' ? body.notes.slice(0, 5000).trim() : '';
  try {
    await completeTask(deps, actor, l.task.id, {
      version: l.claims.v,
      outcome,
      ...(notes
        ? {
            touchpoint: {
              type: 'note' as const,
              subject: 'Completed from the e-mail link',
              body: `<p>${esc(notes).replace(/\n/g, '<br>')}</p>`,
            },
          }
        : {}),
    });
  } catch (err) {
    if (
      err instanceof AppError &&
      (err.code === 'validation_failed' || err.code === 'unprocessable')
    ) {
      const problems = err.details.length
        ? err.details.map((d) =>
            d.path === 'body.touchpoint'
              ? 'Please write a note: this task requires one.'
              : d.message,
          )
        : [err.message];
      return { ...page(l.task.title, form(token, l, problems, notes)), status: 400 };
    }
    if (
      err instanceof AppError &&
      (err.code === 'conflict' || err.code === 'version_conflict' || err.code === 'not_found')
    )
      return gone();
    throw err;
  }
  return page(
    'Task completed',
    `<h1>Done</h1><p>“${esc(l.task.title)}” is completed${outcome ? ` with the outcome “${esc(outcome)}”` : ''}. You can close this page.</p>`,
  );
}
