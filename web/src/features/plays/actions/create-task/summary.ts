import type { ActionOf } from '../module';

type A = ActionOf<'create_task'>;

export const labels = { create_task: 'Create task' };

export const blank = (): A => ({
  type: 'create_task',
  title: '',
  description: '',
  dueInDays: 7,
  priority: 'normal',
  assignee: { type: 'role', roleId: '' },
});

export const summary = (a: A) => a.title ?? '';
