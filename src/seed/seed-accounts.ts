import type { Tx } from '../db/client.ts';
import { accountRoleHolders, accounts, accountTeams, contacts } from '../db/schema/index.ts';
import { insertChunked } from './insert-chunked.ts';
import type { PlannedAccount } from './plan-accounts.ts';
import type { PlannedContact } from './plan-contacts.ts';
import type { RoleHolders } from './plan-roles.ts';
import type { Catalog, RoleName } from './seed-catalog.ts';
import type { People } from './seed-people.ts';

/** Writes the planned accounts (parents first), their teams, role holders and contacts. */
export async function insertAccounts(
  tx: Tx,
  ws: string,
  input: {
    accounts: PlannedAccount[];
    contacts: PlannedContact[];
    holders: RoleHolders;
    people: People;
    catalog: Catalog;
  },
): Promise<void> {
  const byDepth = [...input.accounts].sort((a, b) => a.depth - b.depth);
  await insertChunked(
    tx,
    accounts,
    byDepth.map((a) => {
      // The CRM owner mirrors the Sales Manager, as a CRM sync would write it.
      const sales = input.holders.get(a.id)?.['Sales Manager'];
      return {
        id: a.id,
        workspaceId: ws,
        externalId: a.externalId,
        name: a.name,
        parentId: a.parentId,
        lifecycleStage: a.lifecycleStage,
        accountType: a.accountType,
        tags: a.tags,
        attributes: sales ? { ...a.attributes, crm_owner: sales.name } : a.attributes,
        createdAt: a.createdAt,
        updatedAt: a.createdAt,
      };
    }),
  );
  await insertChunked(
    tx,
    accountTeams,
    input.accounts.flatMap((a) =>
      a.teams.map((t) => ({ workspaceId: ws, accountId: a.id, teamId: input.people.teamIds[t] })),
    ),
  );
  await insertChunked(
    tx,
    accountRoleHolders,
    input.accounts.flatMap((a) =>
      Object.entries(input.holders.get(a.id) ?? {}).map(([role, user]) => ({
        workspaceId: ws,
        accountId: a.id,
        roleId: input.catalog.roleIds[role as RoleName],
        userId: user.id,
      })),
    ),
  );
  await insertChunked(
    tx,
    contacts,
    input.contacts.map((c) => ({
      id: c.id,
      workspaceId: ws,
      accountId: c.accountId,
      externalId: c.externalId,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      tags: c.tags,
      attributes: c.attributes,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
    })),
  );
}
