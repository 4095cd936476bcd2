// What changed between two versions of a play, in words people understand ("Due in 3 days → 5 days",
// "Action 'Call the lead' added", "Criteria changed" with before and after). Pure (no React):
// src/plays/versions/diff-definitions.test.ts runs it under Node.
import type { Criteria } from '../../segments/types.ts';
import { canonicalJson } from '../../../../../src/plays/versions/canonical-json.ts';
import { criteriaLines, type CriteriaNames } from './criteria-words.ts';

// Local shapes (not ../types.ts, whose '@/' imports Node cannot follow): what the diff reads of them.
type Trigger = {
  type: string;
  recurring?: { cron?: string; every?: { n: number; unit: string } };
  taskCompleted?: unknown;
};
export type Action = {
  id?: string;
  type: string;
  title?: string;
  message?: string;
  subject?: string;
  tag?: string;
  webhook?: { name: string };
  dueInDays?: number;
  dueUnit?: string;
  priority?: string;
  assignee?: unknown;
};

/** A version's definition as GET /plays/{id}/versions/{number} answers it. */
export type Definition = {
  trigger: Trigger;
  criteria: Criteria | null;
  sourceSegmentId?: string | null;
  goalCriteria: Criteria | null;
  options: unknown;
  actions: Action[];
  steps?: unknown;
  exitRules?: unknown;
  reentry?: unknown;
  holdoutPercent?: number;
};

/** One change: a sentence, and for criteria the conditions before and after. */
export type Change = { text: string; before?: string[]; after?: string[] };

export type DiffNames = CriteriaNames & {
  /** What an action is called, e.g. "Create task 'Call {{account.name}}'" (the registry's label and summary). */
  action?: (a: Action) => string;
};

type Step = {
  id: string;
  name?: string;
  type: string;
  action?: Action;
  paths?: Array<{ steps: Step[] }>;
  otherwise?: Step[];
  onTimeout?: Step[];
};

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const triggerWords: Record<string, string> = {
  enter: 'when a record starts meeting the criteria',
  exit: 'when a record stops meeting the criteria',
  manual: 'when someone runs it',
  recurring: 'on a schedule',
  task_completed: 'when a task is completed',
};
const schedule = (t: Trigger) => {
  const every = t.recurring?.every;
  if (every) return `every ${every.n} ${every.n === 1 ? every.unit.replace(/s$/, '') : every.unit}`;
  return t.recurring?.cron ? `cron ${t.recurring.cron}` : 'no schedule';
};
/** "3 days", "1 working day": an action's due offset (`dueUnit` absent = calendar days). */
const due = (a: Record<string, unknown>) => {
  const n = a.dueInDays as number | undefined;
  if (n === undefined) return 'no due date';
  const unit = a.dueUnit === 'working_days' ? 'working day' : 'day';
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
};
const quoted = (s: string | undefined) => (s ? `“${s}”` : 'none');

const defaultActionName = (a: Action): string =>
  `'${a.title || a.message || a.subject || a.tag || a.webhook?.name || a.type.replace(/_/g, ' ')}'`;

/** The fields of one action that changed, as sentences about that action. */
function actionChanges(name: string, a: Action, b: Action): string[] {
  if (a.type !== b.type) return [`Action ${name} replaced by another kind of action`];
  const out: string[] = [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if (a.type === 'create_task' || a.type === 'request_information') {
    if (ra.dueInDays !== rb.dueInDays || (ra.dueUnit ?? 'days') !== (rb.dueUnit ?? 'days'))
      out.push(`${name}: due in ${due(ra)} → ${due(rb)}`);
    if (ra.title !== rb.title)
      out.push(
        `${name}: title ${quoted(ra.title as string | undefined)} → ${quoted(rb.title as string | undefined)}`,
      );
    if (ra.priority !== rb.priority)
      out.push(`${name}: priority ${ra.priority ?? 'normal'} → ${rb.priority ?? 'normal'}`);
    if (!same(ra.assignee, rb.assignee)) out.push(`${name}: assignee changed`);
  }
  const covered = new Set(['id', 'type', 'dueInDays', 'dueUnit', 'title', 'priority', 'assignee']);
  const rest = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter(
    (k) => !covered.has(k) && !same(ra[k], rb[k]),
  );
  if (rest.length) out.push(`${name}: ${rest.map(keyWords).join(', ')} changed`);
  return out;
}

const keyWords = (k: string) =>
  ({
    description: 'description',
    flowId: 'flow',
    templateId: 'template',
    outcomes: 'outcomes',
    completionRules: 'completion rules',
    assignedBy: 'assigned by',
    formId: 'form',
    message: 'message',
    webhook: 'webhook',
    set: 'values set',
    playId: 'play',
    subject: 'subject',
    body: 'text',
    tag: 'tag',
    style: 'style',
  })[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function flatten(steps: unknown): Step[] {
  const out: Step[] = [];
  const visit = (list: Step[] | undefined) => {
    for (const s of list ?? []) {
      out.push(s);
      for (const p of s.paths ?? []) visit(p.steps);
      visit(s.otherwise);
      visit(s.onTimeout);
    }
  };
  visit(Array.isArray(steps) ? (steps as Step[]) : []);
  return out;
}

const stepTypeWords: Record<string, string> = {
  action: 'action',
  wait: 'wait',
  wait_until: 'wait until',
  branch: 'branch',
  go_to: 'go to',
  end: 'end',
};
/** Only a step's own settings: its nested lanes are compared step by step. */
const ownPart = (s: Step) => ({
  ...s,
  paths: undefined,
  otherwise: undefined,
  onTimeout: undefined,
});

/** The changes that turn `from` (usually the version in force) into `to`, in reading order. */
export function diffDefinitions(from: Definition, to: Definition, names: DiffNames = {}): Change[] {
  const out: Change[] = [];
  const actionName = names.action ?? defaultActionName;
  const t1 = from.trigger;
  const t2 = to.trigger;
  if (t1.type !== t2.type)
    out.push({
      text: `Runs ${triggerWords[t1.type] ?? t1.type} → ${triggerWords[t2.type] ?? t2.type}`,
    });
  else if (t1.type === 'recurring' && !same(t1.recurring, t2.recurring))
    out.push({ text: `Schedule: ${schedule(t1)} → ${schedule(t2)}` });
  else if (!same(t1, t2)) out.push({ text: 'Trigger settings changed' });
  if (!same(from.criteria, to.criteria))
    out.push({
      text: 'Criteria changed',
      before: criteriaLines(from.criteria, names),
      after: criteriaLines(to.criteria, names),
    });
  if (!same(from.goalCriteria, to.goalCriteria))
    out.push({
      text: 'Goal changed',
      before: from.goalCriteria ? criteriaLines(from.goalCriteria, names) : ['No goal'],
      after: to.goalCriteria ? criteriaLines(to.goalCriteria, names) : ['No goal'],
    });
  if (!same(from.options, to.options)) out.push({ text: 'Hierarchy or contact options changed' });

  const before = new Map(from.actions.map((a) => [a.id ?? '', a]));
  const after = new Map(to.actions.map((a) => [a.id ?? '', a]));
  for (const a of from.actions)
    if (!after.has(a.id ?? '')) out.push({ text: `Action ${actionName(a)} removed` });
  for (const b of to.actions) {
    const a = before.get(b.id ?? '');
    if (!a) out.push({ text: `Action ${actionName(b)} added` });
    else if (!same(a, b)) out.push(...actionChanges(actionName(b), a, b).map((text) => ({ text })));
  }
  // Actions kept in both versions, in each version's order: a different order is a change of its own.
  const kept = (xs: Action[]) =>
    xs.map((a) => a.id ?? '').filter((id) => before.has(id) && after.has(id));
  if (kept(from.actions).join() !== kept(to.actions).join())
    out.push({ text: 'Actions reordered' });

  const s1 = new Map(flatten(from.steps).map((s) => [s.id, s]));
  const s2 = flatten(to.steps);
  const stepName = (s: Step) =>
    `'${s.name || (s.action ? actionName(s.action).replace(/^'|'$/g, '') : (stepTypeWords[s.type] ?? s.type))}'`;
  for (const s of s1.values())
    if (!s2.some((x) => x.id === s.id)) out.push({ text: `Step ${stepName(s)} removed` });
  for (const s of s2) {
    const old = s1.get(s.id);
    if (!old) out.push({ text: `Step ${stepName(s)} added` });
    else if (!same(ownPart(old), ownPart(s))) out.push({ text: `Step ${stepName(s)} changed` });
  }
  if (!same(from.exitRules, to.exitRules)) out.push({ text: 'Exit rules changed' });
  if (!same(from.reentry, to.reentry)) out.push({ text: 'Re-entry rule changed' });
  if ((from.holdoutPercent ?? 0) !== (to.holdoutPercent ?? 0))
    out.push({ text: `Holdout ${from.holdoutPercent ?? 0}% → ${to.holdoutPercent ?? 0}%` });
  return out;
}
