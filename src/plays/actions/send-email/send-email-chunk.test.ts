// A send-e-mail action queues a chunk's e-mails in one insert (statements per chunk, not per
// contact), one per contact with an address, and never again while the contact stays in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { contacts, emailOutbox } from '../../../db/schema/index.ts';
import { recordChanges } from '../../../events/record-change.ts';
import { playWorld, type PlayWorld } from '../../test-setup.ts';
import { countFireStatements } from '../count-fire-statements.ts';
import { sendEmail } from './index.ts';

describe('send e-mail action, set-based', () => {
  let p: PlayWorld;
  let counter: ReturnType<typeof countFireStatements<Parameters<typeof sendEmail.fire>[1]>>;
  before(async () => {
    p = await playWorld();
    counter = countFireStatements(p.t.deps.db, sendEmail);
  });
  after(async () => {
    counter.restore();
    await p.close();
  });

  /** N contacts (every third without an address) whose NPS is written with their change events, as the API does. */
  async function detractors(n: number) {
    const [acc] = await p.newAccounts(1, {}, { name: 'Initech' });
    const made = await p.t.deps.db
      .insert(contacts)
      .values(
        Array.from({ length: n }, (_, i) => ({
          workspaceId: p.ws,
          accountId: acc!.id,
          externalId: `m-${n}-${i}`,
          firstName: `Pat${i}`,
          lastName: 'Doe',
          email: i % 3 === 2 ? null : `pat${i}.${n}@initech.test`,
          attributes: { nps: 1 },
        })),
      )
      .returning();
    await recordChanges(
      p.t.deps.db,
      made.map((c) => ({
        workspaceId: p.ws,
        entity: 'contact' as const,
        entityId: c.id,
        accountId: acc!.id,
        kind: 'created' as const,
      })),
    );
    await p.drain();
    return made;
  }

  it('a chunk of N contacts costs the same few statements whatever N; each contact with an address gets one e-mail', async () => {
    await p.play(
      {
        name: 'Detractor mail',
        subject: 'contacts',
        criteria: { kind: 'compare', field: 'attributes.nps', op: 'lte', value: 3 },
        actions: [
          {
            id: 'mail',
            type: 'send_email',
            subject: 'Hi {{contact.first_name}}',
            body: 'Dear {{contact.first_name}} of {{account.name}}',
          },
        ],
      },
      { fireNow: false },
    );
    await detractors(3);
    const many = await detractors(60);
    assert.equal(counter.counts.length, 2, 'one firing per drained batch');
    assert.ok(counter.counts[1]! <= 6, `60 contacts took ${counter.counts[1]} statements`);
    assert.equal(counter.counts[1], counter.counts[0], `3 and 60 contacts: ${counter.counts}`);

    const mails = await p.t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'play_contact_email'));
    assert.equal(mails.length, 2 + 40, 'every contact with an address, once');
    assert.equal(new Set(mails.map((m) => m.toAddress)).size, mails.length);
    const pat7 = mails.find((m) => m.toAddress === many[7]!.email)!;
    assert.equal(pat7.subject, 'Hi Pat7');
    assert.equal(pat7.textBody, 'Dear Pat7 of Initech');
    assert.equal(pat7.status, 'outbox', 'no SMTP configured: kept in the outbox');

    await p.drain();
    assert.equal(
      (
        await p.t.deps.db
          .select()
          .from(emailOutbox)
          .where(eq(emailOutbox.kind, 'play_contact_email'))
      ).length,
      42,
      'nothing more while the contacts stay in',
    );
  });
});
