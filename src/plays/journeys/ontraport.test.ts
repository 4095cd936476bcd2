// The ONTRAPORT "call the lead" campaign (seed 003) as a journey, driven through the API as a
// user would: task outcomes choose the path, the test clock moves time on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { contacts, emailOutbox, tasks, timelineEvents } from '../../db/schema/index.ts';
import { recordChange } from '../../events/record-change.ts';
import { bearer } from '../../test/fixtures.ts';
import { describeEvent } from '../../timeline/describe-event.ts';
import type { TimelineEvent } from '../../timeline/events.ts';
import { fireRunFor } from '../engine/fire.ts';
import { playWorld, type PlayWorld } from '../test-setup.ts';
import { drainJourneys } from './advance.ts';
import { callCampaign } from './ontraport-campaign.ts';

describe('journeys: the ONTRAPORT call-the-lead campaign', () => {
  let p: PlayWorld;
  before(async () => {
    p = await playWorld();
  });
  after(() => p.close());

  const api = (method: 'GET' | 'POST', url: string, payload?: object, token?: string) =>
    p.t.app.inject({
      method,
      url,
      headers: bearer(token ?? p.w.tokens.advanced),
      ...(payload ? { payload } : {}),
    });
  const advance = () => drainJourneys(p.t.deps, { fireRunFor });
  const openTask = async (contactName: string) => {
    const rows = await p.t.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.status, 'open'), eq(tasks.title, contactName)));
    return rows;
  };
  const complete = async (title: string, outcome: string) => {
    const [t] = await openTask(title);
    assert.ok(t, `an open task "${title}"`);
    const res = await api('POST', `/api/v1/tasks/${t.id}/complete`, { outcome }, p.w.tokens.admin);
    assert.equal(res.statusCode, 200, res.body);
    await p.drain();
  };
  const tagsOf = async (id: string) =>
    (await p.t.deps.db.select().from(contacts).where(eq(contacts.id, id)))[0]!.tags;

  it('outcomes choose the path: e-mail and a task a week later, three tries then a tag, a tag and out', async () => {
    const created = await api('POST', '/api/v1/plays', {
      name: 'Call the lead',
      description: 'New leads get a call; the outcome decides what follows',
      subject: 'contacts',
      trigger: { type: 'enter' },
      criteria: { kind: 'compare', field: 'attributes.nps', op: 'lte', value: 3 },
      actions: [],
      steps: callCampaign(p.w.flow.id, { type: 'user', userId: p.w.users.standard.id }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const play = created.json();
    assert.equal(
      (await api('POST', `/api/v1/plays/${play.id}/enable`, { fireNow: false })).statusCode,
      200,
    );
    const [acc] = await p.newAccounts(1, {}, { name: 'Initech' });
    const leads = await p.t.deps.db
      .insert(contacts)
      .values(
        ['Ann', 'Bob', 'Cy'].map((first, i) => ({
          workspaceId: p.ws,
          accountId: acc!.id,
          externalId: `lead-${i}`,
          firstName: first,
          lastName: 'Lead',
          email: `${first.toLowerCase()}@initech.test`,
          attributes: { nps: 9 },
        })),
      )
      .returning();
    await p.drain();
    // Monday 09:00: the leads become leads.
    await p.t.deps.db.transaction(async (tx) => {
      for (const c of leads) {
        await tx
          .update(contacts)
          .set({ attributes: { nps: 1 } })
          .where(eq(contacts.id, c.id));
        await recordChange(tx, {
          workspaceId: p.ws,
          entity: 'contact',
          entityId: c.id,
          accountId: acc!.id,
          kind: 'updated',
        });
      }
    });
    await p.drain();
    for (const n of ['Ann', 'Bob', 'Cy'])
      assert.equal((await openTask(`Welcome call with ${n}`)).length, 1);
    const [ann, bob, cy] = leads;

    await complete('Welcome call with Ann', 'Interested');
    await complete('Welcome call with Bob', 'Left a message');
    await complete('Welcome call with Cy', 'Not interested');
    // Interested: the e-mail goes at once.
    const mails = await p.t.deps.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'ann@initech.test'));
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Welcome aboard, Ann'],
    );
    // Not interested: tagged and out.
    assert.deepEqual(await tagsOf(cy!.id), ['not-interested']);
    // Left a message: nothing before two working days have passed.
    assert.equal((await openTask('Welcome call with Bob')).length, 0);
    p.t.clock.advanceDays(1);
    await advance();
    assert.equal((await openTask('Welcome call with Bob')).length, 0, 'Tuesday: still waiting');
    p.t.clock.advanceDays(1);
    await advance();
    assert.equal(
      (await openTask('Welcome call with Bob')).length,
      1,
      'Wednesday: call again (try 2)',
    );
    await complete('Welcome call with Bob', 'Left a message');
    p.t.clock.advanceDays(2); // Friday
    await advance();
    assert.equal((await openTask('Welcome call with Bob')).length, 1, 'Friday: try 3');
    // An admin marks next Monday a holiday: the two working days now end on Wednesday.
    const monday = new Date(p.t.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const holiday = await api(
      'POST',
      '/api/v1/holidays',
      { calendar: 'default', date: monday, name: 'Founders day' },
      p.w.tokens.admin,
    );
    assert.equal(holiday.statusCode, 201, holiday.body);
    await complete('Welcome call with Bob', 'Left a message');
    p.t.clock.advanceDays(3); // Monday, a holiday: no working day yet
    await advance();
    assert.deepEqual(await tagsOf(bob!.id), []);
    p.t.clock.advanceDays(1); // Tuesday: one working day
    await advance();
    assert.deepEqual(await tagsOf(bob!.id), [], 'the holiday moved the end of the wait');
    p.t.clock.advanceDays(1); // Wednesday: two working days
    await advance();
    assert.deepEqual(await tagsOf(bob!.id), ['unreachable'], 'after three tries, the tag');
    assert.equal(
      (await p.playTasks(play.id)).filter((t) => t.title === 'Welcome call with Bob').length,
      3,
    );
    // Interested: the training task a week after the e-mail (Monday + 7 days; the clock is at Wednesday a week later).
    assert.equal((await openTask('Book the training with Ann')).length, 1);
    assert.deepEqual(await tagsOf(ann!.id), []);

    // The account timeline tells the story in words.
    const events = await p.t.deps.db
      .select()
      .from(timelineEvents)
      .where(eq(timelineEvents.accountId, acc!.id));
    const words = events
      .filter((e) => e.type.startsWith('journey_'))
      .map((e) =>
        describeEvent({ type: e.type, payload: e.payload } as TimelineEvent, {
          attributeLabel: () => undefined,
        }),
      );
    for (const w of [
      'Entered the journey "Call the lead"',
      'Journey "Call the lead": Took the path "Interested"',
      'Journey "Call the lead": Took the path "Left a message"',
      'Journey "Call the lead": Took the path "Not interested"',
      'Journey "Call the lead": Went back to "Welcome call" (time 2 of 3)',
      'Journey "Call the lead": Did not go back to "Welcome call": 3 times already',
      'Journey "Call the lead": Waited 2 working days',
      'Left the journey "Call the lead": reached the end',
    ])
      assert.ok(words.includes(w), `timeline says: ${w}\n${words.join('\n')}`);
  });
});
