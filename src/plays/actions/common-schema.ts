import { z } from 'zod';

/** An action's stable id within its play (given, or generated when the play is saved). */
export const actionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();
export { prioritySchema as priority } from '../../tasks/priority.ts';
