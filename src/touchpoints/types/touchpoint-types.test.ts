// A workspace's own touchpoint types (e.g. "QBR"): admins add, rename and archive them; touchpoints of
// such a type — with colleagues among the participants — read with its label on lists and the timeline;
// unknown and archived keys, strangers as participants are refused and nothing is written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from '../../test/harness.ts';
import { describeEvent } from '../../timeline/describe-event.ts';
import { api, createTodo, snapshot, world, type World } from '../../tasks/test-fixtures.ts';
import { keyFromLabel } from './manage.ts';

type TypeItem = {
  id: string | null;
  key: string;
  label: string;
  builtIn: boolean;
  archived: boolean;
};

describe('workspace touchpoint types and colleagues as participants', () => {
  let t: TestContext;
  let w: World;
  let qbr: TypeItem;
  before(async () => ({ t, w } = await world()));
  after(() => t.close());

  const types = async (token: string, all = false) =>
    (
      await api(t, token).get(`/api/v1/touchpoint-types${all ? '?includeArchived=true' : ''}`)
    ).json().data as TypeItem[];
  const log = (token: string, body: object) =>
    api(t, token).post(`/api/v1/accounts/${w.acmeA.id}/touchpoints`, body);

  it('derives keys from labels', () => {
    assert.equal(keyFromLabel('QBR'), 'qbr');
    assert.equal(keyFromLabel('  Onsite visit!  '), 'onsite_visit');
    assert.equal(keyFromLabel('Café démo'), 'cafe_demo');
    assert.equal(keyFromLabel('2nd call'), 't_2nd_call');
    assert.equal(keyFromLabel('☕'), 't');
    assert.match(keyFromLabel('x'.repeat(80)), /^x{40}$/);
  });

  it('an admin adds a type; everyone is offered it after the built-in four', async () => {
    const res = await api(t, w.tokens.admin).post('/api/v1/touchpoint-types', { label: 'QBR' });
    assert.equal(res.statusCode, 201, res.body);
    qbr = res.json();
    assert.deepEqual(
      { ...qbr, id: null },
      {
        id: null,
        key: 'qbr',
        label: 'QBR',
        builtIn: false,
        archived: false,
      },
    );
    assert.deepEqual(
      (await types(w.tokens.standard)).map((x) => `${x.key}:${x.label}`),
      ['email:E-mail', 'call:Call', 'meeting:Meeting', 'note:Note', 'qbr:QBR'],
    );
  });

  it('refuses non-admins, taken names and built-in keys, writing nothing', async () => {
    const before = await types(w.tokens.admin, true);
    const cases: Array<[string, object, number, string]> = [
      [w.tokens.advanced, { label: 'Demo' }, 403, ''],
      [w.tokens.admin, { label: 'qbr' }, 409, 'A touchpoint type named "qbr" already exists.'],
      [
        w.tokens.admin,
        { label: 'meeting' },
        409,
        'A touchpoint type named "meeting" already exists.',
      ],
      [
        w.tokens.admin,
        { label: 'Fax', key: 'call' },
        400,
        '"call" is a built-in type; choose another key.',
      ],
      [w.tokens.admin, { label: 'Fax', key: 'Fax!' }, 400, ''],
      [w.tokens.admin, { label: '   ' }, 400, ''],
    ];
    for (const [token, body, status, message] of cases) {
      const res = await api(t, token).post('/api/v1/touchpoint-types', body);
      assert.equal(res.statusCode, status, JSON.stringify(body));
      if (message) assert.equal(res.json().error.message, message);
    }
    assert.deepEqual(await types(w.tokens.admin, true), before);
  });

  it('an integration logs a QBR with a contact and a colleague; list and timeline name them', async () => {
    const res = await log(w.tokens.standard, {
      type: 'qbr',
      subject: 'Q1 business review',
      participantIds: [w.contacts.c1.id],
      userParticipantIds: [w.users.advanced.id],
      occurredAt: '2026-03-01T15:00:00Z',
    });
    assert.equal(res.statusCode, 201, res.body);
    const tp = res.json();
    assert.equal(tp.type, 'qbr');
    assert.equal(tp.typeLabel, 'QBR');
    assert.deepEqual(tp.participants, [{ id: w.contacts.c1.id, name: 'Carla Contact' }]);
    assert.deepEqual(tp.userParticipants, [
      { id: w.users.advanced.id, name: w.users.advanced.name },
    ]);
    const listed = (
      await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/touchpoints`)
    ).json().data;
    assert.deepEqual(listed[0], tp);
    const entry = (await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/timeline`))
      .json()
      .data.find((e: { payload: { touchpointId?: string } }) => e.payload.touchpointId === tp.id);
    assert.deepEqual(entry.payload.userParticipantIds, [w.users.advanced.id]);
    assert.equal(
      describeEvent(entry, { attributeLabel: () => undefined }),
      `QBR logged: Q1 business review with Carla Contact, ${w.users.advanced.name}`,
    );
  });

  it('completing a task logs a touchpoint of a workspace type with a colleague', async () => {
    const task = await createTodo(t, w);
    const done = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/complete`, {
      touchpoint: { type: 'qbr', subject: 'Reviewed', userParticipantIds: [w.users.admin.id] },
    });
    assert.equal(done.statusCode, 200, done.body);
    const listed = (
      await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/touchpoints`)
    ).json().data;
    const tp = listed.find((x: { id: string }) => x.id === done.json().touchpointId);
    assert.equal(tp.typeLabel, 'QBR');
    assert.deepEqual(tp.userParticipants, [{ id: w.users.admin.id, name: w.users.admin.name }]);
  });

  it('refuses unknown types and colleagues who cannot see the account, at their paths, writing nothing', async () => {
    const before = await snapshot(t, w);
    const unknown = await log(w.tokens.standard, { type: 'fax', subject: 'x' });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.details, [
      {
        path: 'body.type',
        message: 'Unknown touchpoint type "fax"; use one of: email, call, meeting, note, qbr.',
      },
    ]);
    const stranger = await log(w.tokens.standard, {
      type: 'call',
      subject: 'x',
      userParticipantIds: [w.users.advanced.id, w.users.standardB.id],
    });
    assert.equal(stranger.statusCode, 400);
    assert.deepEqual(stranger.json().error.details, [
      { path: 'body.userParticipantIds.1', message: 'not a colleague who can see this account' },
    ]);
    assert.deepEqual(await snapshot(t, w), before);
    const task = await createTodo(t, w);
    const snap = await snapshot(t, w);
    const done = await api(t, w.tokens.standard).post(`/api/v1/tasks/${task.id}/complete`, {
      touchpoint: { type: 'nope', subject: 'x' },
    });
    assert.equal(done.statusCode, 400);
    assert.equal(done.json().error.details[0].path, 'body.touchpoint.type');
    assert.deepEqual(await snapshot(t, w), snap);
  });

  it('a renamed type reads with its new label; an archived one is no longer offered nor accepted', async () => {
    const renamed = await api(t, w.tokens.admin).patch(`/api/v1/touchpoint-types/${qbr.id}`, {
      label: 'Business review',
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal(renamed.json().key, 'qbr');
    const listed = (
      await api(t, w.tokens.standard).get(`/api/v1/accounts/${w.acmeA.id}/touchpoints`)
    ).json().data;
    assert.ok(listed.some((x: { typeLabel: string }) => x.typeLabel === 'Business review'));

    const archived = await api(t, w.tokens.admin).patch(`/api/v1/touchpoint-types/${qbr.id}`, {
      archived: true,
    });
    assert.equal(archived.json().archived, true);
    assert.ok(!(await types(w.tokens.standard)).some((x) => x.key === 'qbr'));
    assert.ok((await types(w.tokens.admin, true)).some((x) => x.key === 'qbr' && x.archived));
    const before = await snapshot(t, w);
    const refused = await log(w.tokens.standard, { type: 'qbr', subject: 'x' });
    assert.equal(refused.statusCode, 400);
    assert.equal(
      refused.json().error.details[0].message,
      'The touchpoint type "Business review" is archived; choose another.',
    );
    assert.deepEqual(await snapshot(t, w), before);
    // A new type with the old label gets the next free key.
    const again = await api(t, w.tokens.admin).post('/api/v1/touchpoint-types', { label: 'QBR' });
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().key, 'qbr_2');
  });
});
