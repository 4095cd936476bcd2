// A journey runs the play version it entered (journeys.play_version): the play row with that version's definition.
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { plays } from '../../db/schema/index.ts';
import { queryRows } from '../../db/rows.ts';
import { uuidArray, intArray } from '../../db/arrays.ts';
import { asPlay, type Play } from '../queries.ts';
import type { PlayDefinition } from '../versions/definition.ts';

export const versionKey = (playId: string, version: number) => `${playId}:${version}`;

/** Published definitions never change, so they are cached by (play, number). */
const definitions = new Map<string, PlayDefinition>();

/** Each (play, version) as the Play the engine runs: identity from the row, definition from play_versions. */
export async function loadJourneyPlays(
  tx: DbOrTx,
  keys: Array<{ playId: string; version: number }>,
): Promise<Map<string, Play>> {
  const out = new Map<string, Play>();
  if (keys.length === 0) return out;
  const missing = keys.filter((k) => !definitions.has(versionKey(k.playId, k.version)));
  if (missing.length) {
    const rows = await queryRows<{ play_id: string; number: number; definition: PlayDefinition }>(
      tx,
      sql`select v.play_id, v.number, v.definition from play_versions v
        join unnest(${uuidArray(missing.map((k) => k.playId))}, ${intArray(missing.map((k) => k.version))}) k(play_id, number)
          on v.play_id = k.play_id and v.number = k.number`,
    );
    for (const r of rows) {
      if (definitions.size > 2000) definitions.delete(definitions.keys().next().value!);
      definitions.set(versionKey(r.play_id, r.number), r.definition);
    }
  }
  const ids = [...new Set(keys.map((k) => k.playId))];
  const rows = (await tx.select().from(plays).where(inArray(plays.id, ids))).map(asPlay);
  for (const k of keys) {
    const row = rows.find((p) => p.id === k.playId);
    const def = definitions.get(versionKey(k.playId, k.version));
    if (row && def)
      out.set(versionKey(k.playId, k.version), { ...row, ...def, publishedVersion: k.version });
  }
  return out;
}
