import type { ActionOf } from '../module';

type A = ActionOf<'celebrate' | 'notify'>;

export const labels = { celebrate: 'Celebrate milestone', notify: 'Notify team' };

export const blank = (type: A['type']): A => ({ type, message: '', style: 'default' });

export const summary = (a: A) => a.message;
