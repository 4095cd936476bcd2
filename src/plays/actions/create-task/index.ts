// Create task (SPEC §5 action 1): inline fields or a template; tasks are written by the engine's one
// task writer (engine/create-tasks.ts), set-based and deduplicated per (action, target).
import type { ActionModule } from '../module.ts';
import { fireTaskAction } from '../task-actions.ts';
import { createTaskSchema, type CreateTaskAction } from './schema.ts';
import { validateCreateTask } from './validate.ts';
import { dueInWords } from '../../../working-days/due-unit.ts';

export const createTask: ActionModule<CreateTaskAction> = {
  kind: 'create-task',
  types: ['create_task'],
  schema: createTaskSchema,
  manual: true,
  createsTasks: true,
  validate: validateCreateTask,
  fire: fireTaskAction,
  describeDryRun: (a) =>
    `create the task ${a.title ? `"${a.title}"` : 'from its template'}${a.dueInDays ? `, due in ${dueInWords(a.dueInDays, a.dueUnit)}` : ''}, unless one from this action is still open`,
  toPublic: (a) => a,
  timelineText: {},
};
