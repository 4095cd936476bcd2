// One valid request per write route (POST/PUT/PATCH/DELETE) of the API, built from fixtures, with
// who may send it and who is refused: the authorization tests send these, so a refusal can only be
// about authorization, never about a malformed body. A new write route fails
// src/http/authz-writes.test.ts until it has a case here.
import type { seedWorkspace } from './fixtures.ts';

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;
/** Callers of workspace w1: admin; advanced and standard in team A; standardB in team B. */
export type Caller = 'admin' | 'advanced' | 'standard' | 'standardB';

/** Records of workspace w1 the cases point at (team A's account unless said otherwise). */
export type WriteFixtures = {
  w1: Seeded;
  contact: string;
  spareContact: string;
  spareAccount: string;
  task: string;
  taskToComplete: string;
  taskToDelete: string;
  requestInfoTask: string;
  role: string;
  spareRole: string;
  definition: { id: string; key: string };
  spareDefinition: string;
  form: string;
  spareForm: string;
  segment: string;
  template: string;
  play: string;
  /** An enabled play whose row is at version 2, with a draft. */
  versionedPlay: string;
  spareUser: string;
  spareTeam: string;
  spareFlow: string;
  touchpointType: string;
  adminTokenToRevoke: string;
  attachment: string;
  deadDelivery: string;
  disabledWebhook: { playId: string; actionId: string };
  /** A running journey of the fixture play on team A's account. */
  journey: string;
};

export type WriteCase = {
  /** Path parameters, e.g. `{ id: f.task }`. */
  params?: (f: WriteFixtures) => Record<string, string>;
  /** A JSON body the allowed caller's request succeeds with (none: the route takes no body). */
  body?: (f: WriteFixtures) => unknown;
  /** A multipart upload instead of JSON. */
  upload?: true;
  /**
   * A caller of the same workspace who may not do it: 403 when their role may not, 404 when the
   * record is invisible to them. `none` says why every signed-in user may (their own things).
   */
  refused:
    | { as: Caller; status: 403 | 404 }
    /** The record is named in the body: refused as an unknown one, on exactly that field. */
    | { as: Caller; status: 400; unknownIn: string }
    /** A batch answered item by item: every item the caller cannot see is `not_found`. */
    | { as: Caller; status: 200; perItem: 'not_found' }
    | { none: string };
  /** A caller who may; `status` when success is not 2xx here, with `why`. */
  allowed: { as: Caller; status?: number; why?: string };
};

const due = '2026-03-20';
const name = (what: string) => `Matrix ${what}`;

/** Keyed `METHOD /path` exactly as the route is registered. */
export const writeCases: Record<string, WriteCase> = {
  // Personal: every signed-in user manages their own.
  'POST /api/v1/tokens': {
    body: () => ({ name: 'ci' }),
    refused: { none: 'every user creates their own tokens' },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/tokens/:id': {
    params: (f) => ({ id: f.adminTokenToRevoke }),
    refused: { as: 'standard', status: 404 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/me/calendar-feed': {
    refused: { none: "the caller's own feed" },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/me/calendar-feed': {
    refused: { none: "the caller's own feed" },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/feed/read': {
    body: () => ({ all: true }),
    refused: { none: "the caller's own feed" },
    allowed: { as: 'standard' },
  },
  'PUT /api/v1/me/digest': {
    body: () => ({ hour: 8 }),
    refused: { none: "the caller's own digest" },
    allowed: { as: 'standard' },
  },

  // Users and teams: admin.
  'POST /api/v1/users': {
    body: () => ({ name: 'New Person', email: 'new.person@w1.test', role: 'standard' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PATCH /api/v1/users/:id': {
    params: (f) => ({ id: f.spareUser }),
    body: () => ({ name: 'Renamed Person' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/users/:id/disable': {
    params: (f) => ({ id: f.spareUser }),
    body: (f) => ({ transferToUserId: f.w1.users.admin.id }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/users/:id/enable': {
    params: (f) => ({ id: f.spareUser }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/teams': {
    body: () => ({ name: name('team') }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PATCH /api/v1/teams/:id': {
    params: (f) => ({ id: f.spareTeam }),
    body: () => ({ name: name('renamed team') }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'DELETE /api/v1/teams/:id': {
    params: (f) => ({ id: f.spareTeam }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PUT /api/v1/teams/:id/members': {
    params: (f) => ({ id: f.spareTeam }),
    body: (f) => ({ userIds: [f.w1.users.standard.id] }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PATCH /api/v1/workspace': {
    body: () => ({ name: 'Workspace renamed' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  // Holiday calendars (SPEC §14): admin. The fixtures hold "matrix" 2026-12-25.
  'POST /api/v1/holidays': {
    body: () => ({ calendar: 'matrix', date: '2026-12-26', name: 'Boxing Day' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'DELETE /api/v1/holidays/:calendar/:date': {
    params: () => ({ calendar: 'matrix', date: '2026-12-25' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PUT /api/v1/holidays/:calendar': {
    params: () => ({ calendar: 'matrix-import' }),
    body: () => ({ dates: [{ date: '2027-01-01', name: 'New Year' }] }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },

  // Configuration: advanced users and admins.
  'POST /api/v1/account-roles': {
    body: () => ({ name: name('role') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/account-roles/:id': {
    params: (f) => ({ id: f.role }),
    body: () => ({ name: name('renamed role') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/account-roles/:id': {
    params: (f) => ({ id: f.spareRole }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/flows': {
    body: () => ({ name: name('flow') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/flows/:id': {
    params: (f) => ({ id: f.spareFlow }),
    body: () => ({ name: name('renamed flow') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/flows/:id': {
    params: (f) => ({ id: f.spareFlow }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/forms': {
    body: (f) => ({
      name: name('form'),
      accountType: 'customer',
      fields: [{ attributeKey: f.definition.key }],
    }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/forms/:id': {
    params: (f) => ({ id: f.form }),
    body: () => ({ name: name('renamed form') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/forms/:id': {
    params: (f) => ({ id: f.spareForm }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/segments': {
    body: () => ({
      name: name('segment'),
      subject: 'accounts',
      criteria: { kind: 'and', items: [] },
    }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/segments/preview': {
    body: () => ({ subject: 'accounts', criteria: { kind: 'and', items: [] } }),
    refused: { none: 'a read: anyone may preview, and sees only the accounts they may see' },
    allowed: { as: 'standard' },
  },
  'PATCH /api/v1/segments/:id': {
    params: (f) => ({ id: f.segment }),
    body: () => ({ name: name('renamed segment') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/segments/:id': {
    params: (f) => ({ id: f.segment }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/attribute-definitions': {
    body: () => ({ entity: 'account', key: 'matrix_tier', label: 'Tier', type: 'text' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PATCH /api/v1/attribute-definitions/:id': {
    params: (f) => ({ id: f.definition.id }),
    body: () => ({ label: 'Score renamed' }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'DELETE /api/v1/attribute-definitions/:id': {
    params: (f) => ({ id: f.spareDefinition }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/templates': {
    body: (f) => ({
      name: name('template'),
      title: 'Call {{account.name}}',
      description: 'Book it',
      dueOffsetDays: 3,
      flowId: f.w1.flow.id,
      assigneeRule: { type: 'user', userId: f.w1.users.standard.id },
    }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/templates/:id': {
    params: (f) => ({ id: f.template }),
    body: () => ({ version: 1, name: name('renamed template') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/templates/:id': {
    params: (f) => ({ id: f.template }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/templates/:id/apply': {
    params: (f) => ({ id: f.template }),
    body: (f) => ({ accountIds: [f.w1.acmeA.id] }),
    refused: { as: 'standardB', status: 400, unknownIn: 'body.accountIds.0' },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/plays': {
    body: (f) => playBody(f, name('play')),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/plays/:id': {
    params: (f) => ({ id: f.play }),
    body: () => ({ version: 1, name: name('renamed play') }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/plays/:id': {
    params: (f) => ({ id: f.play }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/enable': {
    params: (f) => ({ id: f.play }),
    body: () => ({ fireNow: false }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/journeys/:id/remove': {
    params: (f) => ({ id: f.journey }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/journeys/remove': {
    // Another play than the journey's, so the single removal above still finds its journey running.
    params: (f) => ({ id: f.versionedPlay }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/run': {
    params: (f) => ({ id: f.play }),
    body: (f) => ({ accountIds: [f.w1.acmeA.id] }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/disable': {
    params: (f) => ({ id: f.play }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/dry-run': {
    params: (f) => ({ id: f.play }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/publish': {
    params: (f) => ({ id: f.versionedPlay }),
    body: () => ({ version: 2 }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/plays/:id/versions/:number/restore': {
    // After the publish above (row version 3): version 1 becomes the enabled play's draft.
    params: (f) => ({ id: f.versionedPlay, number: '1' }),
    body: () => ({ version: 3 }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/plays/:id/draft': {
    params: (f) => ({ id: f.versionedPlay }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PUT /api/v1/webhooks/allowlist': {
    body: () => ({ entries: ['hooks.example.com'] }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PUT /api/v1/webhooks/settings': {
    body: () => ({ retrySchedule: [60, 600], timeoutMs: 5000 }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/webhooks/signing-secret/rotate': {
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/webhooks/test': {
    body: () => ({
      webhook: { name: 'Ping', urlTemplate: 'http://127.0.0.1:9/hook', headers: [] },
    }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/webhooks/deliveries/:id/replay': {
    params: (f) => ({ id: f.deadDelivery }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'DELETE /api/v1/webhooks/disabled/:playId/:actionId': {
    params: (f) => f.disabledWebhook,
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },

  // Records: team A's, invisible to team B (404); some writes need a role too (403).
  'POST /api/v1/accounts': {
    body: (f) => ({
      name: 'Matrix Co',
      externalId: 'matrix-co',
      accountType: 'customer',
      teams: [f.w1.teamA.id],
    }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/accounts/bulk': {
    body: () => ({ rows: [{ externalId: 'matrix-bulk', name: 'Matrix Bulk' }] }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/accounts/:id': {
    params: (f) => ({ id: f.w1.acmeA.id }),
    body: () => ({ version: 1, lifecycleStage: 'onboarding' }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/accounts/:id': {
    params: (f) => ({ id: f.spareAccount }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PUT /api/v1/accounts/:id/roles/:roleId': {
    params: (f) => ({ id: f.w1.acmeA.id, roleId: f.role }),
    body: (f) => ({ userId: f.w1.users.standard.id }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/accounts/:id/attachments': {
    params: (f) => ({ id: f.w1.acmeA.id }),
    upload: true,
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/attachments/:id': {
    params: (f) => ({ id: f.attachment }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/accounts/:id/touchpoints': {
    params: (f) => ({ id: f.w1.acmeA.id }),
    body: () => ({ type: 'note', subject: 'Matrix note' }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/touchpoint-types': {
    body: () => ({ label: name('touchpoint type') }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'PATCH /api/v1/touchpoint-types/:id': {
    params: (f) => ({ id: f.touchpointType }),
    body: () => ({ label: name('renamed type') }),
    refused: { as: 'advanced', status: 403 },
    allowed: { as: 'admin' },
  },
  'POST /api/v1/events/attributes': {
    body: (f) => ({ accountId: f.w1.acmeA.id, attributes: { [f.definition.key]: 7 } }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/ai/description-drafts': {
    body: (f) => ({ accountId: f.w1.acmeA.id, title: 'Kick-off call' }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard', status: 503, why: 'no AI service is configured in tests' },
  },
  'POST /api/v1/contacts': {
    body: (f) => ({ accountId: f.w1.acmeA.id, firstName: 'Matrix', email: 'matrix@acme.test' }),
    refused: { as: 'standardB', status: 400, unknownIn: 'body.accountId' },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/contacts/bulk': {
    body: () => ({ rows: [{ externalId: 'c-bulk', accountExternalId: 'acme', firstName: 'Bo' }] }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'PATCH /api/v1/contacts/:id': {
    params: (f) => ({ id: f.contact }),
    body: () => ({ version: 1, lastName: 'Matrix' }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/contacts/:id': {
    params: (f) => ({ id: f.spareContact }),
    refused: { as: 'standard', status: 403 },
    allowed: { as: 'advanced' },
  },
  'POST /api/v1/tasks': {
    body: (f) => ({
      accountId: f.w1.acmeA.id,
      flowId: f.w1.flow.id,
      title: 'Matrix to-do',
      description: 'From the matrix',
      assignee: { userId: f.w1.users.standard.id },
      dueDate: due,
    }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/tasks/request-info': {
    body: (f) => ({
      accountId: f.w1.acmeA.id,
      formId: f.form,
      flowId: f.w1.flow.id,
      assignee: { userId: f.w1.users.standard.id },
      dueDate: due,
    }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'PATCH /api/v1/tasks/:id': {
    params: (f) => ({ id: f.task }),
    body: () => ({ version: 1, title: 'Matrix to-do, renamed' }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'DELETE /api/v1/tasks/:id': {
    params: (f) => ({ id: f.taskToDelete }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/tasks/:id/complete': {
    params: (f) => ({ id: f.taskToComplete }),
    body: () => ({}),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/tasks/:id/form': {
    params: (f) => ({ id: f.requestInfoTask }),
    body: (f) => ({ values: { [f.definition.key]: 9 } }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'standard' },
  },
  'POST /api/v1/tasks/:id/reassign-dynamically': {
    params: (f) => ({ id: f.task }),
    refused: { as: 'standardB', status: 404 },
    allowed: { as: 'advanced', status: 422, why: 'a to-do created by hand has no assignee rule' },
  },
  'POST /api/v1/tasks/bulk': {
    body: (f) => ({ action: 'remind', taskIds: [f.task] }),
    refused: { as: 'standardB', status: 200, perItem: 'not_found' },
    allowed: { as: 'standard' },
  },
};

/** A manual play with one create-task action. */
export const playBody = (f: WriteFixtures, playName: string) => ({
  name: playName,
  description: 'From the matrix',
  subject: 'accounts',
  trigger: { type: 'manual' },
  actions: [
    {
      id: 'call',
      type: 'create_task',
      title: 'Call {{account.name}}',
      description: 'Book it',
      dueInDays: 7,
      flowId: f.w1.flow.id,
      assignee: { type: 'user', userId: f.w1.users.standard.id },
    },
  ],
});
