import type { ActionOf } from '../module';

type A = ActionOf<'request_information'>;

export const labels = { request_information: 'Request information' };

export const blank = (): A => ({
  type: 'request_information',
  formId: '',
  assignee: { type: 'role', roleId: '' },
  dueInDays: 7,
  flowId: '',
});

/** Its form is named by the editor; runs show the kind alone. */
export const summary = (_a: A) => '';
