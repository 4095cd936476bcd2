// A play's definition as one versioned document (SPEC §5 versions): what play_versions stores and
// what publishing copies into the plays row the engine reads.
import type { DbOrTx } from '../../db/client.ts';
import { playVersions } from '../../db/schema/index.ts';
import type { Play } from '../queries.ts';

export type PlayDefinition = Pick<
  Play,
  | 'trigger'
  | 'criteria'
  | 'sourceSegmentId'
  | 'goalCriteria'
  | 'options'
  | 'actions'
  | 'steps'
  | 'exitRules'
  | 'reentry'
  | 'holdoutPercent'
>;

export const definitionOf = (p: PlayDefinition): PlayDefinition => ({
  trigger: p.trigger,
  criteria: p.criteria,
  sourceSegmentId: p.sourceSegmentId,
  goalCriteria: p.goalCriteria,
  options: p.options,
  actions: p.actions,
  steps: p.steps,
  exitRules: p.exitRules,
  reentry: p.reentry,
  holdoutPercent: p.holdoutPercent,
});

/** Records the play row's current definition as its published version `play.publishedVersion`. */
export async function insertPublishedVersion(tx: DbOrTx, play: Play, by: string | null, at: Date) {
  await tx.insert(playVersions).values({
    playId: play.id,
    number: play.publishedVersion,
    workspaceId: play.workspaceId,
    definition: definitionOf(play),
    createdBy: by,
    createdAt: at,
    publishedAt: at,
  });
}
