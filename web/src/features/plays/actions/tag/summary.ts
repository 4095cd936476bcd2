import type { ActionOf } from '../module';

type A = ActionOf<'add_tag' | 'remove_tag'>;

export const labels = { add_tag: 'Add tag', remove_tag: 'Remove tag' };

export const blank = (type: A['type']): A => ({ type, tag: '' });

export const summary = (a: A) => a.tag;
