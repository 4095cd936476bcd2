// Each step in words, as its card's heading reads: "Wait 2 working days after the previous step",
// "Wait until 'Call the lead' is completed with Interested or Left a message, at most 14 days",
// "Go back to 'Call again' — at most 3 times".
import { durationWords, waitFromLabels } from '@/lib/labels';
import { actionKind, actionLabel } from '../actions/registry';
import type { Condition, Step } from './types';

/** The name a person knows a step by: its own name, else what its action is about, else its kind. */
export function stepName(
  s: Step,
  byId: (id: string) => Step | undefined = () => undefined,
): string {
  if (s.name?.trim()) return s.name.trim();
  if (s.type === 'action') {
    const about = actionKind(s.action.type).summary(s.action);
    return about || actionLabel(s.action.type);
  }
  return stepSummary(s, byId);
}

const orList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;

/** "'Call the lead' is completed with Interested or Left a message" / "the record meets the conditions". */
export function conditionWords(c: Condition, byId: (id: string) => Step | undefined): string {
  if (c.kind === 'criteria') return 'the record meets the conditions';
  const target = byId(c.stepId);
  const name = target ? `‘${stepName(target)}’` : 'a task step (choose one)';
  const outcomes = c.outcomes ?? [];
  return outcomes.length ? `${name} is completed with ${orList(outcomes)}` : `${name} is completed`;
}

export function stepSummary(s: Step, byId: (id: string) => Step | undefined): string {
  switch (s.type) {
    case 'action': {
      const about = actionKind(s.action.type).summary(s.action);
      return about ? `${actionLabel(s.action.type)}: ${about}` : actionLabel(s.action.type);
    }
    case 'wait': {
      const d = durationWords(s.duration.n, s.duration.unit);
      if (s.from.kind !== 'attribute') return `Wait ${d} ${waitFromLabels[s.from.kind]}`;
      const off = s.from.offsetDays ?? 0;
      const shift = off ? ` ${off > 0 ? '+' : '−'} ${Math.abs(off)} days` : '';
      return `Wait ${d} after ${s.from.key || 'a date attribute'}${shift}`;
    }
    case 'wait_until':
      return `Wait until ${conditionWords(s.until, byId)}, at most ${durationWords(s.limit.n, s.limit.unit)}`;
    case 'branch':
      return `Branch: ${[...s.paths.map((p) => p.label || 'unnamed path'), 'otherwise'].join(' · ')}`;
    case 'go_to': {
      const target = byId(s.target);
      const name = target ? `‘${stepName(target)}’` : 'a step (choose one)';
      return `Go back to ${name} — at most ${s.maxVisits} ${s.maxVisits === 1 ? 'time' : 'times'}`;
    }
    case 'end':
      return 'End the journey';
  }
}
