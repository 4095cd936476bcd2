// A play as the API answers it: JSON columns as stored, each action as its module shows it (no secrets).
import { actionModule } from './actions/registry.ts';
import type { Play } from './queries.ts';
import type { Action } from './schema.ts';
import { mapStepActions } from './journeys/walk.ts';

export function toPlayOut(p: Play, memberCount?: number) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    ownerUserId: p.ownerUserId,
    collaboratorIds: p.collaboratorIds,
    createdBy: p.createdBy,
    status: p.status,
    subject: p.subject,
    trigger: p.trigger,
    criteria: p.criteria,
    sourceSegmentId: p.sourceSegmentId,
    goalCriteria: p.goalCriteria,
    options: p.options,
    actions: p.actions.map((a) => actionModule(a.type).toPublic(a)) as unknown as Array<
      Record<string, unknown>
    >,
    steps: p.steps
      ? mapStepActions(p.steps, (a: Action) => actionModule(a.type).toPublic(a))
      : null,
    exitRules: p.exitRules,
    reentry: p.reentry,
    holdoutPercent: p.holdoutPercent,
    publishedVersion: p.publishedVersion,
    version: p.version,
    enabledAt: p.enabledAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}
