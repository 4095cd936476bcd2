import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { attributesInputSchema, externalIdSchema, tagsSchema } from './schema.ts';
import {
  diffAttributes,
  mergeAttributes,
  normaliseTags,
  sameSet,
  type AttributeChange,
} from './attribute-changes.ts';

export const bulkAccountRow = z.strictObject({
  externalId: externalIdSchema,
  name: z.string().trim().min(1).max(300),
  parentExternalId: externalIdSchema
    .nullable()
    .optional()
    .describe('Parent by external id (may be in the same batch); null clears'),
  lifecycleStage: z.string().trim().min(1).max(100).nullable().optional(),
  accountType: z.string().trim().min(1).max(100).optional(),
  tags: tagsSchema.optional().describe('Replaces the tag set when sent'),
  teams: z
    .array(z.string().trim().min(1).max(200))
    .max(50)
    .optional()
    .describe('Team names; replaces the team set when sent'),
  attributes: attributesInputSchema
    .optional()
    .describe('Merged into current attributes; null clears a key'),
});
export type BulkAccountRow = z.infer<typeof bulkAccountRow>;

/** The stored state of an account named by a batch row (snake_case: read with raw SQL). */
export type ExistingAccount = {
  id: string;
  external_id: string;
  name: string;
  lifecycle_stage: string | null;
  account_type: string;
  tags: string[];
  attributes: Record<string, unknown>;
  version: number;
  parent_external_id: string | null;
  team_ids: string[];
  visible: boolean;
};

/** What one row will write: the complete new state, and what differs from the stored one. */
export type PlannedAccount = {
  index: number;
  id: string;
  isNew: boolean;
  externalId: string;
  name: string;
  lifecycleStage: string | null;
  accountType: string;
  tags: string[];
  attributes: Record<string, unknown>;
  teamIds: string[];
  parentExternalId: string | null;
  changed: string[];
  attrChanges: AttributeChange[];
  writeTeams: boolean;
  writeParent: boolean;
};

/** Fields absent from a row keep their stored value; attributes merge. Pure: no I/O. */
export function planAccount(
  index: number,
  row: BulkAccountRow,
  patch: Record<string, unknown>,
  teamIds: string[] | undefined,
  cur: ExistingAccount | undefined,
): PlannedAccount {
  const attributes = mergeAttributes(cur?.attributes ?? {}, patch);
  const plan: PlannedAccount = {
    index,
    id: cur?.id ?? randomUUID(),
    isNew: !cur,
    externalId: row.externalId,
    name: row.name,
    lifecycleStage:
      row.lifecycleStage !== undefined ? row.lifecycleStage : (cur?.lifecycle_stage ?? null),
    accountType: row.accountType ?? cur?.account_type ?? 'customer',
    tags: row.tags ? normaliseTags(row.tags) : (cur?.tags ?? []),
    attributes,
    teamIds: teamIds ?? cur?.team_ids ?? [],
    parentExternalId:
      row.parentExternalId !== undefined ? row.parentExternalId : (cur?.parent_external_id ?? null),
    changed: [],
    attrChanges: [],
    writeTeams: false,
    writeParent: false,
  };
  if (!cur) {
    plan.writeTeams = plan.teamIds.length > 0;
    plan.writeParent = plan.parentExternalId !== null;
    return plan;
  }
  if (plan.name !== cur.name) plan.changed.push('name');
  if (plan.lifecycleStage !== cur.lifecycle_stage) plan.changed.push('lifecycleStage');
  if (plan.accountType !== cur.account_type) plan.changed.push('accountType');
  if (sameSet(plan.tags, cur.tags)) plan.tags = cur.tags;
  else plan.changed.push('tags');
  plan.attrChanges = diffAttributes(cur.attributes, attributes);
  plan.changed.push(...plan.attrChanges.map((c) => `attributes.${c.key}`));
  if (!sameSet(plan.teamIds, cur.team_ids ?? [])) {
    plan.writeTeams = true;
    plan.changed.push('teams');
  }
  if (plan.parentExternalId !== cur.parent_external_id) {
    plan.writeParent = true;
    plan.changed.push('parentId');
  }
  return plan;
}

/**
 * Accounts on a parent loop, given each re-parented account's first re-parented ancestor (or none).
 * Each node has at most one edge, so following edges from every node finds every loop.
 */
export function nodesOnCycles(edges: Map<string, string>): Set<string> {
  const onCycle = new Set<string>();
  const done = new Set<string>();
  for (const start of edges.keys()) {
    const path: string[] = [];
    const seen = new Map<string, number>();
    let node: string | undefined = start;
    while (node !== undefined && !done.has(node) && !seen.has(node)) {
      seen.set(node, path.length);
      path.push(node);
      node = edges.get(node);
    }
    if (node !== undefined && seen.has(node))
      for (const n of path.slice(seen.get(node))) onCycle.add(n);
    for (const n of path) done.add(n);
  }
  return onCycle;
}
