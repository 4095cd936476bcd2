import type { ActionOf } from '../module';

type A = ActionOf<'enroll'>;

export const labels = { enroll: 'Enroll in another play' };

export const blank = (): A => ({ type: 'enroll', playId: '' });

/** The enrolled play is named by the caller, which has the list of plays. */
export const summary = (_a: A) => '';
