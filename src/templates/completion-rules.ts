import type { DbOrTx } from '../db/client.ts';
import type { CompletionRules } from '../db/schema/index.ts';
import { loadDefinitions, validateAttributes } from '../accounts/attributes.ts';
import type { ErrorDetail } from '../http/errors.ts';

/** Post-completion rules as a template or a play action carries them (before checking). */
export type CompletionRulesInput = {
  touchpointRequired?: boolean;
  attributeUpdateRequired?: { key: string } | null;
  automaticAttributeUpdate?: {
    key: string;
    value: unknown;
    target?: 'account' | 'child' | 'both';
  } | null;
};

/** Where a rule may write: only tasks of hierarchy "one per child" plays record a child account. */
export type CompletionRulesScope = { childTarget: boolean };

/**
 * Checks post-completion rules against the workspace's account attributes (completion writes the
 * task's account, and the child account when targeted) and returns what to store: keys must exist,
 * the automatic update must not touch a CRM-synced attribute and its value is normalised; a child
 * target needs `scope.childTarget`. Problems go to `d` under `path`.
 */
export async function checkCompletionRules(
  db: DbOrTx,
  ws: string,
  rules: CompletionRulesInput,
  path: string,
  d: ErrorDetail[],
  scope: CompletionRulesScope = { childTarget: false },
): Promise<CompletionRules> {
  const defs = await loadDefinitions(db, ws, 'account');
  const out: CompletionRules = {};
  if (rules.touchpointRequired) out.touchpointRequired = true;
  if (rules.attributeUpdateRequired) {
    if (!defs.has(rules.attributeUpdateRequired.key))
      d.push({ path: `${path}.attributeUpdateRequired.key`, message: 'unknown account attribute' });
    out.attributeUpdateRequired = { key: rules.attributeUpdateRequired.key };
  }
  const auto = rules.automaticAttributeUpdate;
  if (auto) {
    const target = auto.target && auto.target !== 'account' ? auto.target : undefined;
    if (target && !scope.childTarget) {
      d.push({
        path: `${path}.automaticAttributeUpdate.target`,
        message: 'Updating the child needs the hierarchy option "one task per qualifying child".',
      });
    }
    const def = defs.get(auto.key);
    if (!def)
      d.push({
        path: `${path}.automaticAttributeUpdate.key`,
        message: 'unknown account attribute',
      });
    else if (def.crmSynced)
      d.push({
        path: `${path}.automaticAttributeUpdate.key`,
        message: 'synced from the CRM; cannot be updated automatically',
      });
    else {
      try {
        const v = await validateAttributes(
          db,
          ws,
          'account',
          { [auto.key]: auto.value },
          { pathPrefix: `${path}.automaticAttributeUpdate.value`, definitions: defs },
        );
        // The default target is not stored, so rules saved before targets existed read the same.
        out.automaticAttributeUpdate = {
          key: auto.key,
          value: v[auto.key],
          ...(target ? { target } : {}),
        };
      } catch (err) {
        const details = (err as { details?: ErrorDetail[] }).details;
        if (!details) throw err;
        d.push(...details);
      }
    }
  }
  return out;
}
