// The two merge-field renderers — JS (templates applied by hand, outcome follow-ups, e-mails) and SQL
// (the play engine's set-based firing) — render EVERY allowed field the same, for hostile values.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { seedWorkspace } from '../test/fixtures.ts';
import { accounts, attributeDefinitions, contacts, users } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { templateSql, titleSql, type MergeConstants } from '../plays/engine/merge-sql.ts';
import { loadAllowList, mergeContextFrom, MERGE_FIELD_NAMES } from './merge-fields.ts';
import { renderTemplate } from './render.ts';
import { renderTitle } from './render-title.ts';

const hostile: Array<string | null> = [
  '<img src=x onerror=alert(1)>',
  `"double" 'single' \`back\` a=b /slash\\`,
  'javascript:alert(document.cookie)',
  'Zoë 🚀 \u202e עברית ∑\u00a0nbsp',
  '',
  null,
  'line1\nline2\r\n\ttab\u0001ctl\u007fdel',
  '{{account.name}} &amp; &lt;b&gt; %2E ..',
];

describe('merge-field parity: JS and SQL renderers', () => {
  let t: TestContext;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  before(async () => {
    t = await testContext();
    w = await seedWorkspace(t.deps);
    await t.deps.db.insert(attributeDefinitions).values([
      { workspaceId: w.workspace.id, entity: 'account', key: 'note', label: 'Note', type: 'text' },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'seats',
        label: 'Seats',
        type: 'number',
      },
      {
        workspaceId: w.workspace.id,
        entity: 'account',
        key: 'active',
        label: 'Active',
        type: 'boolean',
      },
      { workspaceId: w.workspace.id, entity: 'contact', key: 'role', label: 'Role', type: 'text' },
    ]);
  });
  after(() => t.close());

  it('renders every allowed field identically (html and text, titles and {{task.title}})', async () => {
    const db = t.deps.db;
    const ws = w.workspace.id;
    const allow = await loadAllowList(db, ws);
    const attrs = (set: ReadonlySet<string> | 'any', prefix: string) =>
      set === 'any' ? [] : [...set].map((k) => `${prefix}.attributes.${k}`);
    const fields = [
      ...MERGE_FIELD_NAMES,
      ...attrs(allow.accountAttributes, 'account'),
      ...attrs(allow.accountAttributes, 'child'),
      ...attrs(allow.contactAttributes, 'contact'),
    ];
    assert.ok(fields.length > MERGE_FIELD_NAMES.length + 4);
    const [child] = await db
      .insert(accounts)
      .values({ workspaceId: ws, externalId: 'child', name: 'Child' })
      .returning();
    const [contact] = await db
      .insert(contacts)
      .values({
        workspaceId: ws,
        accountId: w.acmeA.id,
        externalId: 'c',
        firstName: 'C',
        lastName: 'D',
      })
      .returning();
    const titleTemplate = 'Call {{account.name}} / {{contact.first_name}} ({{task.title}})';
    const problems: string[] = [];
    for (const [round, v] of hostile.entries()) {
      const s = v ?? '';
      const attributes = { note: v, seats: round * 1.5, active: round % 2 === 0 };
      const [account] = await db
        .update(accounts)
        .set({
          name: s,
          externalId: `${s}#${round}`,
          lifecycleStage: v,
          accountType: s,
          attributes,
        })
        .where(eq(accounts.id, w.acmeA.id))
        .returning();
      const [kid] = await db
        .update(accounts)
        .set({ name: `${s} kid`, externalId: `${s}#kid${round}`, attributes })
        .where(eq(accounts.id, child!.id))
        .returning();
      const [person] = await db
        .update(contacts)
        .set({
          firstName: s,
          lastName: s,
          externalId: `${s}#c${round}`,
          email: v,
          phone: v,
          attributes: { role: v },
        })
        .where(eq(contacts.id, contact!.id))
        .returning();
      const [user] = await db
        .update(users)
        .set({ name: s, email: `${s}#${round}@x.test` })
        .where(eq(users.id, w.users.standard.id))
        .returning();
      const k = {
        playName: `${s} play`,
        triggerDate: '2026-03-02',
        dueDate: '2026-03-05',
        priority: 'high',
        workspaceName: `${s} ws`,
        childRow: true,
      } satisfies MergeConstants;
      const rows = {
        account: account!,
        contact: person!,
        child: kid!,
        assignee: user!,
        play: { name: k.playName, triggerDate: k.triggerDate },
        workspace: { name: k.workspaceName },
      };
      const jsTitle = renderTitle(
        titleTemplate,
        mergeContextFrom({
          ...rows,
          task: { title: '', dueDate: k.dueDate, priority: k.priority },
        }),
      );
      const context = mergeContextFrom({
        ...rows,
        task: { title: jsTitle, dueDate: k.dueDate, priority: k.priority },
      });
      const sqlTitle = titleSql(titleTemplate, allow, k, 'title');
      const columns = [sql`${sqlTitle} as title`];
      const expected: Record<string, string> = { title: jsTitle };
      for (const [i, f] of fields.entries()) {
        for (const dest of ['html', 'text'] as const) {
          const tpl = `<${f}>{{${f}}}</${f}>`;
          columns.push(
            sql`${templateSql(tpl, dest, allow, { ...k, taskTitle: sqlTitle }, 'd')} as ${sql.raw(`"${dest}${i}"`)}`,
          );
          expected[`${dest}${i}`] = renderTemplate(tpl, context, dest);
        }
      }
      const [got] = await queryRows<Record<string, string>>(
        db,
        sql`select ${sql.join(columns, sql`, `)} from accounts ta
        left join contacts tc on tc.id = ${person!.id}::uuid left join users asg on asg.id = ${user!.id}::uuid
        left join accounts ch on ch.id = ${kid!.id}::uuid where ta.id = ${account!.id}::uuid`,
      );
      for (const [col, want] of Object.entries(expected)) {
        const label =
          col === 'title'
            ? 'title'
            : `${fields[Number(col.replace(/\D+/, ''))]} (${col.replace(/\d+/, '')})`;
        if (got![col] !== want)
          problems.push(
            `round ${round} ${label}: JS ${JSON.stringify(want)} ≠ SQL ${JSON.stringify(got![col])}`,
          );
      }
      if (got![`html${fields.indexOf('task.title')}`] === '<task.title></task.title>')
        problems.push(`round ${round}: {{task.title}} renders empty`);
    }
    assert.deepEqual(problems, []);
  });
});
