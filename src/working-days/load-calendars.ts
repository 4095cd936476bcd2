import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { holidays, teamMembers, teams, workspaces } from '../db/schema/index.ts';
import { DEFAULT_CALENDAR, DEFAULT_WORKING_DAYS, type WorkingCalendar } from './calendar.ts';

/** A workspace's working days and every calendar, loaded once for code that computes many dates. */
export type Calendars = {
  workingDays: readonly number[];
  /** The workspace's calendar name (`settings.holidayCalendar`). */
  defaultCalendar: string;
  holidaysByCalendar: ReadonlyMap<string, ReadonlySet<string>>;
  /** User id → calendar of their first team (by name) that has one. */
  userCalendars: ReadonlyMap<string, string>;
};

export async function loadCalendars(tx: DbOrTx, workspaceId: string): Promise<Calendars> {
  const [ws] = await tx
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const days = await tx
    .select({ calendar: holidays.calendar, date: holidays.date })
    .from(holidays)
    .where(eq(holidays.workspaceId, workspaceId));
  const holidaysByCalendar = new Map<string, Set<string>>();
  for (const d of days) {
    const set = holidaysByCalendar.get(d.calendar) ?? new Set<string>();
    set.add(d.date);
    holidaysByCalendar.set(d.calendar, set);
  }
  const memberships = await tx
    .select({ userId: teamMembers.userId, calendar: teams.holidayCalendar })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teams.workspaceId, workspaceId), isNotNull(teams.holidayCalendar)))
    .orderBy(teams.name, teams.id);
  const userCalendars = new Map<string, string>();
  for (const m of memberships)
    if (!userCalendars.has(m.userId)) userCalendars.set(m.userId, m.calendar!);
  return {
    workingDays: ws?.settings.workingDays ?? DEFAULT_WORKING_DAYS,
    defaultCalendar: ws?.settings.holidayCalendar ?? DEFAULT_CALENDAR,
    holidaysByCalendar,
    userCalendars,
  };
}

/** The calendar that applies to a user (the assignee): their team's, else the workspace's. */
export function calendarFor(cals: Calendars, userId: string | null | undefined): WorkingCalendar {
  const name = (userId && cals.userCalendars.get(userId)) || cals.defaultCalendar;
  return {
    workingDays: cals.workingDays,
    holidays: cals.holidaysByCalendar.get(name) ?? new Set(),
  };
}
