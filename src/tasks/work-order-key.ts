import { z } from 'zod';
import { cursorPart } from '../http/cursor.ts';

/** The tasks collection's cursor: [priority, due date, created_at to the microsecond, id]. */
export const workOrderKey = z.tuple([
  z.union([z.literal(1), z.literal(2), z.literal(3)]),
  cursorPart.date,
  cursorPart.instant,
  cursorPart.id,
]);
