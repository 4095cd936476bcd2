import { z } from 'zod';
import type { Deps } from '../context.ts';
import type { App } from '../http/app-type.ts';
import { actorOf } from '../http/actor.ts';
import { addHoliday } from './add-holiday.ts';
import { listHolidays } from './list-holidays.ts';
import { removeHoliday } from './remove-holiday.ts';
import { replaceHolidays } from './replace-holidays.ts';
import {
  addHolidayBody,
  calendarParams,
  holidayListQuery,
  holidayListSchema,
  holidayParams,
  holidaySchema,
  replaceHolidaysBody,
} from './schema.ts';

const tags = ['working days'];

/** Holiday calendars (SPEC §14); the working weekdays are workspace settings (`PATCH /workspace`). */
export async function workingDayRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/holidays',
    {
      schema: {
        tags,
        summary: 'Holidays, by calendar and date (every calendar unless `calendar` is given)',
        querystring: holidayListQuery,
        response: { 200: holidayListSchema },
      },
    },
    async (req) => listHolidays(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/holidays',
    {
      schema: {
        tags,
        summary: 'Add a holiday to a calendar (admin)',
        body: addHolidayBody,
        response: { 201: holidaySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await addHoliday(deps, actorOf(req), req.body)),
  );

  app.delete(
    '/api/v1/holidays/:calendar/:date',
    {
      schema: {
        tags,
        summary: 'Remove a holiday (admin)',
        params: holidayParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeHoliday(deps, actorOf(req), req.params.calendar, req.params.date);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/holidays/:calendar',
    {
      schema: {
        tags,
        summary: 'Replace all dates of a calendar, e.g. an imported list (admin)',
        params: calendarParams,
        body: replaceHolidaysBody,
        response: { 200: holidayListSchema },
      },
    },
    async (req) => replaceHolidays(deps, actorOf(req), req.params.calendar, req.body),
  );
}
