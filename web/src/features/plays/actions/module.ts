// The contract of one play action kind in the web app (mirrors src/plays/actions/ on the server):
// adding a kind is one folder here plus its entry in registry.ts.
import type { ComponentType } from 'react';
import type { ErrorTargets } from '@/lib/form-errors';
import type { Action, ActionType } from '../types';

/** What every kind's editor gets: the action, a setter, and the field errors keyed by path relative to the action. */
export type EditorProps<A extends Action = Action> = {
  action: A;
  onChange: (a: A) => void;
  errors: Record<string, string>;
  /** The play being edited (absent while creating). */
  playId?: string;
  /** The play places one task per qualifying child on its parent: post-completion updates may target the child. */
  perChild?: boolean;
  /** The play's records ("Add data" offers contact fields only for contact plays). */
  subject?: 'accounts' | 'contacts';
};

export type WebActionModule<A extends Action = Action> = {
  /** Its folder here and under src/plays/actions/ on the server. */
  kind: string;
  /** The menu and heading name of each type this kind handles. */
  labels: Partial<Record<ActionType, string>>;
  /** Allowed on manual plays (only the task-creating kinds). */
  manual: boolean;
  /** A new, empty action of this type (as "Add action" inserts it). */
  blank(type: A['type']): A;
  Editor: ComponentType<EditorProps<A>>;
  /**
   * The error paths (relative to the action) that the editor shows next to an input; the play
   * form lists every other path in its general alert. Keep in step with the editor's fields.
   */
  errorTargets(action: A): ErrorTargets;
  /** What the action is about, in a few words (its title, webhook, tag, message…), or ''. */
  summary(action: A): string;
};

/** The member of the action union whose `type` takes the value(s) T (celebrate and notify share one). */
export type ActionOf<T extends ActionType> = MemberOf<Action, T>;
type MemberOf<X, T> = X extends { type: infer U } ? (T extends U ? X : never) : never;

/** The usual error placement: problems with the whole action (`''`, `type`, `id`) above its fields. */
export const boxTargets = (fields: string[]): ErrorTargets => ({
  exact: [''],
  aliases: { type: '', id: '' },
  fields,
});

export const mergeHint =
  'Merge fields: {{account.name}}, {{account.attributes.renewal_date}}, {{contact.first_name}}, {{assignee.name}}, {{play.trigger_date}}, {{child.name}} (hierarchy plays)';
