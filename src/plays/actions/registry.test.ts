// The registry is complete: every type of the action union has one module with every part, its
// folder exists here, and the web app has the same kind's editor and summary.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { TIMELINE_KINDS } from '../../timeline/events.ts';
import { describeEvent } from '../../timeline/describe-event.ts';
import { actionModule, actionModules, actionSchema, actionTypes } from './registry.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '../../../web/src/features/plays/actions');

/** The discriminator values of one union member (`z.literal` or `z.enum`). */
function typesOf(option: (typeof actionSchema.options)[number]): string[] {
  const t = option.shape.type as { values?: Set<string>; options?: string[] };
  return t.options ?? [...(t.values ?? [])];
}

describe('play action registry', () => {
  const unionTypes = actionSchema.options.flatMap(typesOf);

  it('maps every type of the schema union to the module whose schema it is, and nothing else', () => {
    assert.ok(unionTypes.length >= 10);
    assert.deepEqual([...actionTypes()].sort(), [...unionTypes].sort());
    for (const option of actionSchema.options)
      for (const type of typesOf(option)) {
        const m = actionModule(type as never);
        assert.equal(m.schema, option, `${type}: the union member is its module's schema`);
        assert.ok(m.types.includes(type as never), `${type} listed in ${m.kind}.types`);
      }
    const listed = actionModules.flatMap((m) => [...m.types]);
    assert.equal(new Set(listed).size, listed.length, 'no type in two modules');
  });

  it('every module has every part, and lives in its own folder', () => {
    for (const m of actionModules) {
      assert.match(m.kind, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(existsSync(path.join(here, m.kind, 'index.ts')), `${m.kind}/index.ts`);
      assert.ok(existsSync(path.join(here, m.kind, 'schema.ts')), `${m.kind}/schema.ts`);
      for (const fn of ['validate', 'fire', 'describeDryRun', 'toPublic'] as const)
        assert.equal(typeof m[fn], 'function', `${m.kind}.${fn}`);
      assert.equal(typeof m.manual, 'boolean', `${m.kind}.manual`);
      assert.equal(typeof m.createsTasks, 'boolean', `${m.kind}.createsTasks`);
      assert.equal(typeof m.timelineText, 'object', `${m.kind}.timelineText`);
      for (const [kind, text] of Object.entries(m.timelineText)) {
        assert.ok(TIMELINE_KINDS.includes(kind as never), `${m.kind}: ${kind} is a timeline kind`);
        assert.equal(typeof text, 'function');
      }
    }
  });

  it("the timeline's sentence for a kind an action writes is the action's own", () => {
    const samples: Record<string, Record<string, unknown>> = {
      celebrate: { message: 'Renewed', style: 'confetti', playId: 'p', playName: 'Renewals' },
      notify: { message: 'At risk', style: 'warning', playId: 'p', playName: 'Health' },
      webhook_succeeded: {
        deliveryId: 'd',
        webhook: 'CRM',
        playId: null,
        actionId: null,
        statusCode: 200,
        attempts: 1,
      },
      webhook_failed: {
        deliveryId: 'd',
        webhook: 'CRM',
        playId: null,
        actionId: null,
        statusCode: 500,
        attempts: 3,
        error: 'boom',
      },
    };
    const written = actionModules.flatMap((m) => Object.entries(m.timelineText));
    assert.deepEqual(written.map(([k]) => k).sort(), Object.keys(samples).sort());
    for (const [type, text] of written) {
      const payload = samples[type]!;
      const sentence = (text as (p: unknown, t: string) => string)(payload, type);
      assert.ok(sentence.length > 3, type);
      assert.equal(
        describeEvent({ type, payload } as never, { attributeLabel: () => undefined }),
        sentence,
      );
    }
  });

  it('describes what each kind would do in a dry run, in words', () => {
    const samples = actionSchema.options.flatMap((o) =>
      typesOf(o).map((type) => ({ type, ...sampleFields[type] }) as never),
    );
    for (const a of samples) {
      const text = actionModule((a as { type: string }).type as never).describeDryRun(a);
      assert.ok(
        text.length > 5 && !/undefined|\[object/.test(text),
        `${JSON.stringify(a)}: ${text}`,
      );
    }
  });

  it('the web app has an editor and a summary for every kind, registered for each of its types', () => {
    const registry = readFileSync(path.join(web, 'registry.ts'), 'utf8');
    for (const m of actionModules) {
      for (const file of ['Editor.tsx', 'summary.ts'])
        assert.ok(existsSync(path.join(web, m.kind, file)), `web actions/${m.kind}/${file}`);
      assert.match(
        registry,
        new RegExp(`from '\\./${m.kind}['/]`),
        `web registry imports ${m.kind}`,
      );
      for (const type of m.types)
        assert.match(registry, new RegExp(`\\b${type}:`), `web registry has ${type}`);
    }
  });
});

const sampleFields: Record<string, Record<string, unknown>> = {
  create_task: { id: 'a', title: 'Call', dueInDays: 3, assignee: { type: 'user', userId: 'u' } },
  request_information: {
    id: 'a',
    formId: 'f',
    flowId: 'f',
    dueInDays: 2,
    assignee: { type: 'user', userId: 'u' },
  },
  update_information: {
    id: 'a',
    set: [
      { key: 'health', value: 'red' },
      { key: 'renewal', clear: true },
      { key: 'onboarded', triggerDateOffsetDays: -2 },
    ],
  },
  celebrate: { id: 'a', message: 'Renewed!', style: 'confetti' },
  notify: { id: 'a', message: 'At risk', style: 'warning' },
  webhook: {
    id: 'a',
    webhook: { name: 'CRM', method: 'POST', urlTemplate: 'https://x.example/{{account.id}}' },
  },
  send_email: { id: 'a', subject: 'Hello', body: 'Hi' },
  add_tag: { id: 'a', tag: 'vip' },
  remove_tag: { id: 'a', tag: 'vip' },
  enroll: { id: 'a', playId: 'p' },
};
