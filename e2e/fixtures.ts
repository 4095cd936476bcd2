// Data the browser tests set up through the API (as the seeded admin's token), so each test starts from a known state.
import type { Server } from './harness.ts';

type Page<T> = { data: T[] };
export type Ref = { id: string; name: string };
export type TaskOut = {
  id: string;
  title: string;
  status: string;
  outcome: string | null;
  dueDate: string;
  version: number;
  assignee: { id: string; name: string };
  account: Ref;
};

export async function lookups(server: Server) {
  const me = await server.api<{ id: string; name: string }>('GET', '/api/v1/me');
  const flows = (await server.api<Page<Ref>>('GET', '/api/v1/flows')).data;
  const teams = (await server.api<Page<Ref>>('GET', '/api/v1/teams')).data;
  const users = (await server.api<Page<Ref & { email: string }>>('GET', '/api/v1/users?limit=500'))
    .data;
  const enterprise = teams.find((t) => t.name === 'Enterprise') ?? teams[0]!;
  const accounts = (
    await server.api<Page<Ref & { accountType: string }>>(
      'GET',
      `/api/v1/accounts?teamId=${enterprise.id}&limit=50`,
    )
  ).data;
  const user = (name: string) => {
    const u = users.find((x) => x.name === name);
    if (!u) throw new Error(`no user ${name}`);
    return u;
  };
  return { me, flows, teams, users, enterprise, accounts, user };
}

export async function createTask(
  server: Server,
  input: {
    accountId: string;
    flowId: string;
    title: string;
    userId: string;
    dueDate: string;
    outcomes?: string[];
  },
) {
  return server.api<TaskOut>('POST', '/api/v1/tasks', {
    accountId: input.accountId,
    flowId: input.flowId,
    title: input.title,
    description: `<p>${input.title}</p>`,
    assignee: { userId: input.userId },
    dueDate: input.dueDate,
    priority: 'normal',
    outcomes: input.outcomes,
  });
}

export const getTask = (server: Server, id: string) =>
  server.api<TaskOut>('GET', `/api/v1/tasks/${id}`);

export function isoInDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A play whose webhook points at a loopback address (refused by the egress guard): one real, failing delivery. */
export async function failingWebhookDelivery(server: Server, accountId: string) {
  const account = await server.api<{ name: string }>('GET', `/api/v1/accounts/${accountId}`);
  // Fired for the one account that meets the criteria when the play is enabled with fireNow.
  const play = await server.api<{ id: string }>('POST', '/api/v1/plays', {
    name: 'Notify the CRM',
    description: 'Posts the account to the CRM.',
    subject: 'accounts',
    trigger: { type: 'enter' },
    criteria: { kind: 'compare', field: 'name', op: 'eq', value: account.name },
    actions: [
      {
        id: 'crm',
        type: 'webhook',
        webhook: {
          name: 'CRM sync',
          urlTemplate: 'http://127.0.0.1:9/hooks/{{account.external_id}}',
          bodyTemplate: '{"account": {{account.name}}}',
        },
      },
    ],
  });
  await server.api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: true });
  // Delivery runs on the job queue; wait until the first attempt has been made.
  for (let i = 0; i < 100; i++) {
    const page = await server.api<{ data: Array<{ id: string; attempts: number }> }>(
      'GET',
      `/api/v1/webhooks/deliveries?playId=${play.id}`,
    );
    if (page.data[0] && page.data[0].attempts > 0)
      return { playId: play.id, deliveryId: page.data[0].id };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('webhook delivery was not attempted');
}
