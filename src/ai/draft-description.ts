// "Draft with AI": a proposed task description from the account's data and the title. The user edits
// it before saving; nothing is stored here.
import { eq, and } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { loadVisibleAccount } from '../auth/access.ts';
import { attributeDefinitions } from '../db/schema/index.ts';
import { AppError, errors } from '../http/errors.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import { loadWorkspace } from '../workspaces/get-workspace.ts';
import { chatCompletion } from './chat-completion.ts';

export type DraftInput = { accountId: string; title: string };

/** Whether this caller's workspace can draft: the server has an endpoint and the workspace turned it on. */
export async function aiAvailability(
  deps: Deps,
  actor: Actor,
): Promise<{ available: boolean; reason: string | null }> {
  if (!deps.config.PLAYMAKER_AI_URL)
    return {
      available: false,
      reason: 'No AI service is configured on this server (PLAYMAKER_AI_URL).',
    };
  const ws = await loadWorkspace(deps.db, actor.workspaceId);
  if (!ws.settings.aiText)
    return {
      available: false,
      reason: 'AI text generation is off for this workspace (Settings → General).',
    };
  return { available: true, reason: null };
}

const instructions = [
  'You write the description of a task for a customer-success manager.',
  'Use only the facts given; never invent numbers, names or dates.',
  'Answer with a short HTML fragment: one <p> saying why the task matters for this account, then a <ul> of 2-4 concrete steps.',
  'Use only <p>, <ul>, <li>, <strong> and <em>. No headings, no greeting, no sign-off.',
].join(' ');

export async function draftDescription(
  deps: Deps,
  actor: Actor,
  input: DraftInput,
): Promise<{ description: string }> {
  const account = await loadVisibleAccount(deps.db, actor, input.accountId);
  const availability = await aiAvailability(deps, actor);
  if (!availability.available) throw new AppError('ai_unavailable', availability.reason!);
  const defs = await deps.db
    .select({ key: attributeDefinitions.key, label: attributeDefinitions.label })
    .from(attributeDefinitions)
    .where(
      and(
        eq(attributeDefinitions.workspaceId, actor.workspaceId),
        eq(attributeDefinitions.entity, 'account'),
      ),
    );
  const label = new Map(defs.map((d) => [d.key, d.label]));
  // Labels, not keys: the model writes for people. Bounded so a wide account cannot blow the prompt up.
  const attributes = Object.entries(account.attributes)
    .filter(([, v]) => v !== null && v !== '')
    .slice(0, 40)
    .map(([k, v]) => `${label.get(k) ?? k}: ${String(v).slice(0, 200)}`);
  const facts = [
    `Task title: ${input.title}`,
    `Account: ${account.name}`,
    account.lifecycleStage ? `Lifecycle stage: ${account.lifecycleStage}` : null,
    `Account type: ${account.accountType}`,
    account.tags.length ? `Tags: ${account.tags.join(', ')}` : null,
    ...attributes,
  ]
    .filter(Boolean)
    .join('\n');
  const text = await chatCompletion(deps.config, [
    { role: 'system', content: instructions },
    { role: 'user', content: facts },
  ]);
  const description = sanitizeRichText(text.replace(/^```(?:html)?\s*|\s*```$/g, '').trim());
  if (!description.replace(/<[^>]*>/g, '').trim())
    throw errors.unprocessable(
      'The AI service answered with nothing usable; write the text yourself or try again.',
    );
  return { description };
}
