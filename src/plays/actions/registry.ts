// Every play action kind, by its `type`: the engine fires, validates, describes and shows actions
// only through this map. A new kind is a folder beside this file, its schema in schemas.ts and its
// module here (registry.test.ts checks the three agree, and that the web app has its editor).
import type { ActionModule } from './module.ts';
import type { Action, ActionType } from './schemas.ts';
import { createTask } from './create-task/index.ts';
import { requestInformation } from './request-information/index.ts';
import { updateInformation } from './update-information/index.ts';
import { notifyTeamModule } from './notify-team/index.ts';
import { webhook } from './webhook/index.ts';
import { sendEmail } from './send-email/index.ts';
import { tag } from './tag/index.ts';
import { enroll } from './enroll/index.ts';

export { actionSchema, type Action, type ActionType } from './schemas.ts';

/** The modules, in the order of the schema union. */
export const actionModules = [
  createTask,
  requestInformation,
  updateInformation,
  notifyTeamModule,
  webhook,
  sendEmail,
  tag,
  enroll,
] as const;

const byType = new Map<string, ActionModule>(
  actionModules.flatMap((m) => m.types.map((t) => [t, m as unknown as ActionModule] as const)),
);

/** The module of an action's type (every type of the union has one; registry.test.ts checks it). */
export function actionModule<A extends Action>(type: A['type']): ActionModule<A> {
  const m = byType.get(type);
  if (!m) throw new Error(`No module for play action type "${type}"`);
  return m as unknown as ActionModule<A>;
}

/** Every action type the registry knows. */
export const actionTypes = (): ActionType[] => [...byType.keys()] as ActionType[];
