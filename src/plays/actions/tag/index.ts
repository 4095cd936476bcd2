// Add / remove tag (SPEC §5 action 6) on the play's records.
import type { ActionModule } from '../module.ts';
import { changeTag } from './fire.ts';
import { tagSchema, type TagAction } from './schema.ts';

export const tag: ActionModule<TagAction> = {
  kind: 'tag',
  types: ['add_tag', 'remove_tag'],
  schema: tagSchema,
  manual: false,
  createsTasks: false,
  validate: async (_ctx, action) => action,
  fire: changeTag,
  describeDryRun: (a) => `${a.type === 'add_tag' ? 'add' : 'remove'} the tag "${a.tag}"`,
  toPublic: (a) => a,
  timelineText: {},
};
