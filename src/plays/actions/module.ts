// The contract every play action kind implements (src/plays/actions/<kind>/): adding a kind is one
// folder here plus its entry in registry.ts, and one folder in web/src/features/plays/actions/.
import type { z } from 'zod';
import type { Deps } from '../../context.ts';
import type { ErrorDetail } from '../../http/errors.ts';
import type { loadDefinitions } from '../../accounts/attributes.ts';
import type { AllowList } from '../../templates/merge-fields.ts';
import type { ActionCounts, FireCtx } from '../engine/context.ts';
import type { Action, PlayOptions, Trigger } from '../schema.ts';
import type { TimelinePayloads } from '../../timeline/events.ts';

/** What validating one action of a play needs: the play's shape, the workspace's lookups, where to report. */
export type ValidateCtx = {
  deps: Deps;
  workspaceId: string;
  subject: 'accounts' | 'contacts';
  trigger: Trigger;
  options: PlayOptions;
  /** Merge fields allowed in this workspace's templates. */
  allow: AllowList;
  /** Attribute definitions of the play's subject (accounts or contacts). */
  definitions: Awaited<ReturnType<typeof loadDefinitions>>;
  /** The play being edited (absent when creating). */
  selfId: string | undefined;
  /** The play's stored actions before this edit (webhooks keep their sealed credentials). */
  previous: Action[];
  /** Body path of this action, e.g. `body.actions.2`. */
  at: string;
  /** Problems found so far; modules push theirs here (all are reported together). */
  problems: ErrorDetail[];
};

/** One play action kind (one or more `type` values sharing a schema and an implementation). */
export type ActionModule<A extends Action = Action> = {
  /** The module's name: its folder under src/plays/actions/ and web/src/features/plays/actions/. */
  kind: string;
  /** The `type` values this module handles: exactly its schema's discriminator values. */
  types: readonly A['type'][];
  /** The action as the API takes it (one member of the play's action union). */
  schema: z.ZodObject;
  /** Allowed on manual plays (SPEC §5: only task-creating actions). */
  manual: boolean;
  /** Creates tasks: its statement also writes the firing's `play_fired` timeline rows. */
  createsTasks: boolean;
  /**
   * Pushes every problem of this action onto `ctx.problems`; returns the action to store
   * (rich text sanitized, credentials sealed…).
   */
  validate(ctx: ValidateCtx, action: A): Promise<A>;
  /**
   * Runs the action set-based for one chunk of targets (`ctx.targets`) — a dry run when
   * `ctx.dryRun` — and writes one `play_run_results` row per record; answers the counts.
   */
  fire(ctx: FireCtx, action: A): Promise<ActionCounts>;
  /** What the action would do for each record, in words (kept with a dry run's run). */
  describeDryRun(action: A): string;
  /** The action as the API shows it (secrets removed). */
  toPublic(action: A): A | Record<string, unknown>;
  /**
   * Sentences for the timeline kinds this action writes itself, from its pure `timeline-text.ts`
   * (timeline/describe-event.ts renders them, in the web app too); `{}` when it writes only shared
   * kinds (task_created, attribute_changed, play_fired).
   */
  timelineText: TimelineTexts;
};

/** One sentence function per timeline kind. */
export type TimelineTexts = {
  [K in keyof TimelinePayloads]?: (payload: TimelinePayloads[K], type: K) => string;
};
