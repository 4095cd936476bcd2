// The audit log's sentences name changed fields in words, never by their camelCase or snake_case keys.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeAuditEvent } from './describe-audit-event.ts';

const change = { before: 1, after: 2 };

describe('audit event sentences', () => {
  it('names changed fields in words', () => {
    assert.equal(
      describeAuditEvent({
        kind: 'user.updated',
        targetName: 'Bea Jones',
        changes: { role: change, teamIds: change, emailNotifications: change },
      }),
      'edited user “Bea Jones” (changed: role, teams, e-mail notifications)',
    );
    assert.equal(
      describeAuditEvent({
        kind: 'workspace.updated',
        targetName: null,
        changes: { someNewSetting: change, other_key: change, unchanged: 3 },
      }),
      'changed the workspace settings (changed: some new setting, other key)',
    );
  });

  it('says which play version was published, restored or discarded', () => {
    const play = (kind: string, changes: Record<string, unknown>) =>
      describeAuditEvent({ kind, targetName: 'Red accounts', changes });
    assert.equal(
      play('play.published', { version: 3, changed: ['actions'] }),
      'published a new version of play “Red accounts” (version 3)',
    );
    assert.equal(
      play('play.version_restored', { restored: 1, as: 'draft' }),
      'restored an earlier version of play “Red accounts” (version 1, as a draft)',
    );
    assert.equal(
      play('play.draft_discarded', { draft: 4 }),
      'discarded the draft of play “Red accounts”',
    );
  });
});
