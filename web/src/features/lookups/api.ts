// Small reference lists many screens pick from: users, teams, flows, account roles, forms, attributes, contacts.
import { useQuery } from '@tanstack/react-query';
import { client, ok, type Page } from '@/lib/api-client';

export type UserSummary = {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'advanced' | 'standard';
  enabled: boolean;
  teamIds: string[];
  managerId: string | null;
};
export type Team = { id: string; name: string; memberIds?: string[] };
export type Flow = { id: string; name: string };
export type AccountRole = { id: string; name: string };
export type FormDef = {
  id: string;
  name: string;
  accountType: string;
  fields: Array<{
    attributeKey: string;
    label: string;
    required: boolean;
    type: AttributeType | null;
    enumValues: string[] | null;
  }>;
};
export type AttributeType = 'text' | 'number' | 'boolean' | 'date' | 'enum' | 'user';
export type AttributeDef = {
  id: string;
  entity: 'account' | 'contact';
  key: string;
  label: string;
  type: AttributeType;
  enumValues: string[] | null;
  crmSynced: boolean;
};
export type Contact = {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  version: number;
};
export type AccountLite = { id: string; name: string; accountType: string; externalId: string };

const long = { staleTime: 60_000 };

export const useUsers = () =>
  useQuery({
    queryKey: ['users', 'all'],
    queryFn: () =>
      ok<Page<UserSummary>>(
        client.GET('/api/v1/users', { params: { query: { limit: 500 } } }),
      ).then((p) => p.data),
    ...long,
  });
export const useTeams = () =>
  useQuery({
    queryKey: ['teams'],
    queryFn: () =>
      ok<Page<Team>>(client.GET('/api/v1/teams', { params: { query: { limit: 200 } } })).then(
        (p) => p.data,
      ),
    ...long,
  });
export const useFlows = () =>
  useQuery({
    queryKey: ['flows'],
    queryFn: () => ok<Page<Flow>>(client.GET('/api/v1/flows')).then((p) => p.data),
    ...long,
  });
export const useAccountRoles = () =>
  useQuery({
    queryKey: ['roles'],
    queryFn: () => ok<Page<AccountRole>>(client.GET('/api/v1/account-roles')).then((p) => p.data),
    ...long,
  });
export const useForms = (accountType?: string) =>
  useQuery({
    queryKey: ['forms', accountType ?? null],
    queryFn: () =>
      ok<Page<FormDef>>(
        client.GET('/api/v1/forms', { params: { query: { accountType, limit: 200 } } }),
      ).then((p) => p.data),
    ...long,
  });
export const useAttributeDefs = (entity: 'account' | 'contact' = 'account') =>
  useQuery({
    queryKey: ['attributes', entity],
    queryFn: () =>
      ok<{ data: AttributeDef[] }>(
        client.GET('/api/v1/attribute-definitions', { params: { query: { entity } } }),
      ).then((p) => p.data),
    ...long,
  });
export const useAccountContacts = (accountId: string | null | undefined) =>
  useQuery({
    queryKey: ['account', accountId, 'contacts'],
    queryFn: () =>
      ok<Page<Contact>>(
        client.GET('/api/v1/accounts/{id}/contacts', {
          params: { path: { id: accountId! }, query: { limit: 200 } },
        }),
      ).then((p) => p.data),
    enabled: Boolean(accountId),
  });
export const useAccountSearch = (q: string) =>
  useQuery({
    queryKey: ['accounts', 'search', q],
    queryFn: ({ signal }) =>
      ok<Page<AccountLite>>(
        client.GET('/api/v1/accounts', {
          params: { query: { q: q || undefined, limit: 20 } },
          signal,
        }),
      ).then((p) => p.data),
    placeholderData: (prev) => prev,
  });
export const useAccountLite = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['account', id, 'lite'],
    queryFn: () =>
      ok<AccountLite>(client.GET('/api/v1/accounts/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });

/** Who a task on an account can go to: users who can see it, roles (with their holder here), its contacts. */
export type Assignable = {
  users: Array<{ id: string; name: string; admin: boolean }>;
  roles: Array<{ id: string; name: string; holder: { id: string; name: string } | null }>;
  contacts: Array<{ id: string; name: string; email: string | null }>;
};
export const useAssignable = (accountId: string | null | undefined) =>
  useQuery({
    queryKey: ['account', accountId, 'assignable'],
    queryFn: ({ signal }) =>
      ok<Assignable>(
        client.GET('/api/v1/accounts/{id}/assignable', {
          params: { path: { id: accountId! } },
          signal,
        }),
      ),
    enabled: Boolean(accountId),
  });

export const contactName = (c: { firstName: string; lastName: string }) =>
  `${c.firstName} ${c.lastName}`.trim();
