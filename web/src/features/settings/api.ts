// Settings writes: users, teams, account roles, flows, forms, attribute definitions, workspace policy.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type RequestBody } from '@/lib/api-client';

export type Workspace = {
  id: string;
  name: string;
  timeZone: string;
  settings: {
    ownershipPolicy: 'ownership_only' | 'reassign_except_manual' | 'reassign_all';
    forceTaskEmails: boolean;
    aiText: boolean;
    /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days. */
    workingDays: number[];
    /** The holiday calendar of users whose teams have none. */
    holidayCalendar: string;
  };
};

export const useWorkspace = () =>
  useQuery({
    queryKey: ['workspace'],
    queryFn: () => ok<Workspace>(client.GET('/api/v1/workspace')),
  });

/** A write that refreshes the lists it touches. */
export function useWrite<I>(fn: (i: I) => Promise<unknown>, keys: string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => keys.forEach((k) => void qc.invalidateQueries({ queryKey: [k] })),
  });
}

export const useUpdateWorkspace = () =>
  useWrite(
    (body: RequestBody<'/api/v1/workspace', 'patch'>) =>
      ok(client.PATCH('/api/v1/workspace', { body })),
    ['workspace'],
  );

/** Add, rename and delete for the name-only settings lists. */
export const nameListWrites = {
  'account-roles': {
    create: (name: string) => ok(client.POST('/api/v1/account-roles', { body: { name } })),
    rename: (id: string, name: string) =>
      ok(client.PATCH('/api/v1/account-roles/{id}', { params: { path: { id } }, body: { name } })),
    remove: (id: string) =>
      ok(client.DELETE('/api/v1/account-roles/{id}', { params: { path: { id } } })),
  },
  flows: {
    create: (name: string) => ok(client.POST('/api/v1/flows', { body: { name } })),
    rename: (id: string, name: string) =>
      ok(client.PATCH('/api/v1/flows/{id}', { params: { path: { id } }, body: { name } })),
    remove: (id: string) => ok(client.DELETE('/api/v1/flows/{id}', { params: { path: { id } } })),
  },
};
export type NameListKind = keyof typeof nameListWrites;

/** Holiday calendars (SPEC §14): every calendar's dates, read by Settings and the team calendar choice. */
export type Holiday = { calendar: string; date: string; name: string };
export const useHolidays = () =>
  useQuery({
    queryKey: ['holidays'],
    queryFn: () => ok<{ data: Holiday[] }>(client.GET('/api/v1/holidays')).then((r) => r.data),
  });

export const holidayWrites = {
  add: (h: Holiday) => ok(client.POST('/api/v1/holidays', { body: h })),
  remove: (h: { calendar: string; date: string }) =>
    ok(client.DELETE('/api/v1/holidays/{calendar}/{date}', { params: { path: h } })),
  replace: (calendar: string, dates: Array<{ date: string; name: string }>) =>
    ok(
      client.PUT('/api/v1/holidays/{calendar}', {
        params: { path: { calendar } },
        body: { dates },
      }),
    ),
};
