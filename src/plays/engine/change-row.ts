import type { RecordChange, StoredChange } from '../../events/payloads.ts';

type Row = { id: number; workspace_id: string; entity_id: string; account_id: string | null };

/** A claimed change event: its row and the typed event (`entity` + `kind` narrow the payload). */
export type ChangeRow = Row & RecordChange;

/** A claimed row of any entity, before the engine drops what it does not read. */
export type ClaimedRow = Row & StoredChange;

/** The engine ignores `play_run` and `feed` rows (written for live updates), so a run cannot trigger plays. */
export const readByEngine = (e: ClaimedRow): e is ChangeRow =>
  e.entity !== 'play_run' && e.entity !== 'feed';
