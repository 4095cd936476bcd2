import type { StoredChange } from '../../events/payloads.ts';

/** A claimed change event: its row and the typed event (`entity` + `kind` narrow the payload). */
export type ChangeRow = {
  id: number;
  workspace_id: string;
  entity_id: string;
  account_id: string | null;
} & StoredChange;
