// Every play action kind by its `type`, mirroring src/plays/actions/registry.ts on the server: the
// play form adds, edits, checks and names actions only through this map. src/plays/actions/registry.test.ts
// checks that every server kind has its folder here (Editor.tsx, summary.ts) and its types below.
import type { Action, ActionType } from '../types';
import type { ActionOf, WebActionModule } from './module';
import { createTask } from './create-task';
import { requestInformation } from './request-information';
import { updateInformation } from './update-information';
import { notifyTeam } from './notify-team';
import { webhook } from './webhook';
import { sendEmail } from './send-email';
import { tag } from './tag';
import { enroll } from './enroll';

/** In the order "Add action" lists them. */
const byType = {
  create_task: createTask,
  request_information: requestInformation,
  update_information: updateInformation,
  celebrate: notifyTeam,
  notify: notifyTeam,
  webhook: webhook,
  send_email: sendEmail,
  add_tag: tag,
  remove_tag: tag,
  enroll: enroll,
} satisfies { [T in ActionType]: WebActionModule<ActionOf<T>> };

/** The module of an action type (typed loosely: callers pass an action of that type). */
export const actionKind = (type: ActionType) => byType[type] as unknown as WebActionModule;

export const actionTypes = Object.keys(byType) as ActionType[];

export const actionLabel = (type: ActionType) => actionKind(type).labels[type] ?? type;

export const newAction = (type: ActionType): Action => actionKind(type).blank(type);
