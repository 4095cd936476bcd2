// A play as the API answers it: JSON columns as stored, each action as its module shows it (no secrets).
import { actionModule } from './actions/registry.ts';
import type { Play } from './queries.ts';

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
    version: p.version,
    enabledAt: p.enabledAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}
