import type { ActionOf } from '../module';

type A = ActionOf<'send_email'>;

export const labels = { send_email: 'Send e-mail to contact' };

export const blank = (): A => ({ type: 'send_email', subject: '', body: '' });

export const summary = (a: A) => a.subject;
