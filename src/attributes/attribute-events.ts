import type { AttributeChange } from '../accounts/attribute-changes.ts';
import type { AttributeDiff, ChangeOrigin } from '../events/payloads.ts';
import type { TimelineEntry } from '../timeline/record-event.ts';

/**
 * Who or what wrote attributes: the same for every path (edit, form, completion, bulk upsert, the
 * attribute event, an outcome action, a play), so their change events and timeline entries differ
 * only here.
 */
export type AttributeOrigin = {
  /** The user behind the write; null for the play engine. */
  actorId: string | null;
  source?: 'bulk' | 'event' | 'play';
  cause?: 'form' | 'task_completion' | 'outcome' | 'play';
  taskId?: string;
  outcome?: string;
  play?: { id: string; name: string };
  /** Plays that led here, the writing play last (loop protection). */
  chain?: string[];
};

/** The record whose attributes changed; a contact is named on its account's timeline. */
export type AttributeRecord = {
  entity: 'account' | 'contact';
  workspaceId: string;
  accountId: string;
  /** The contact's id and name (contacts only). */
  contact?: { id: string; name: string };
};

/** The origin's part of a change payload (keys left out when not set). */
export function changeOrigin(o: AttributeOrigin): ChangeOrigin & { outcome?: string } {
  return {
    ...(o.actorId ? { actorId: o.actorId } : {}),
    ...(o.source ? { source: o.source } : {}),
    ...(o.cause ? { cause: o.cause } : {}),
    ...(o.taskId ? { taskId: o.taskId } : {}),
    ...(o.outcome !== undefined ? { outcome: o.outcome } : {}),
    ...(o.play ? { playId: o.play.id } : {}),
    ...(o.chain ? { chain: o.chain } : {}),
  };
}

/** `changed` (as `attributes.<key>`) and the before/after of each changed key, for a change payload. */
export function attributeChangeFields(changes: AttributeChange[]): {
  changed: string[];
  attributes: AttributeDiff;
} {
  return {
    changed: changes.map((c) => `attributes.${c.key}`),
    attributes: Object.fromEntries(changes.map((c) => [c.key, { from: c.from, to: c.to }])),
  };
}

/** The change payload of an attribute-only write. */
export function attributeChangePayload(changes: AttributeChange[], origin: AttributeOrigin) {
  return { ...changeOrigin(origin), ...attributeChangeFields(changes) };
}

/** One `attribute_changed` timeline entry per changed key, with the before/after and the origin. */
export function attributeTimelineEntries(
  record: AttributeRecord,
  changes: AttributeChange[],
  origin: AttributeOrigin,
  at: Date,
): TimelineEntry[] {
  return changes.map((c) => ({
    workspaceId: record.workspaceId,
    accountId: record.accountId,
    actorId: origin.actorId,
    ...(origin.taskId ? { taskId: origin.taskId } : {}),
    type: 'attribute_changed' as const,
    at,
    payload: {
      key: c.key,
      from: c.from,
      to: c.to,
      entity: record.entity,
      ...(record.contact ? { contactId: record.contact.id, contactName: record.contact.name } : {}),
      ...(origin.cause ? { cause: origin.cause } : {}),
      ...(origin.outcome !== undefined ? { outcome: origin.outcome } : {}),
      ...(origin.play ? { playId: origin.play.id, playName: origin.play.name } : {}),
    },
  }));
}

/** A contact's name as the timeline shows it. */
export const contactName = (c: { firstName: string; lastName: string | null }) =>
  `${c.firstName} ${c.lastName ?? ''}`.trim();
