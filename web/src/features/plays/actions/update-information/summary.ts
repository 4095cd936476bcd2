import type { ActionOf } from '../module';

type A = ActionOf<'update_information'>;

export const labels = { update_information: 'Update information' };

export const blank = (): A => ({ type: 'update_information', set: [{ key: '', value: '' }] });

/** Runs show the kind alone. */
export const summary = (_a: A) => '';
