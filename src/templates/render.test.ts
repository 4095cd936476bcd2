import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultAllowList, type AllowList, type MergeContext } from './merge-fields.ts';
import { compileTemplate, renderTemplate, validateTemplate, type Destination } from './render.ts';

const allow: AllowList = {
  ...defaultAllowList,
  accountAttributes: new Set(['renewal_date', 'tier']),
  contactAttributes: new Set(['nps']),
};
const ctx: MergeContext = {
  account: {
    name: 'Acme & <Sons> "Ltd"',
    external_id: 'a/b?c=d&e',
    attributes: { renewal_date: '2026-09-01', tier: 3 },
  },
  contact: { first_name: 'Zoë', email: 'z@example.com', attributes: {} },
  workspace: { name: 'W' },
};

describe('merge-field templates', () => {
  it('refuses logic, unescaped output, partials, delimiters, prototype names and unknown names at save', () => {
    const corpus: Array<[string, RegExp]> = [
      ['{{{account.name}}}', /unescaped/],
      ['{{& account.name}}', /unescaped/],
      ['{{#account}}x{{/account}}', /sections/],
      ['{{^account.name}}none{{/account.name}}', /inverted/],
      ['{{>partial}}', /partials/],
      ['{{=<% %>=}}<% account.name %>', /delimiters/],
      ['{{! note }}', /comments/],
      ['{{__proto__}}', /not allowed/],
      ['{{constructor}}', /not allowed/],
      ['{{account.__proto__.x}}', /not allowed/],
      ['{{account.constructor.name}}', /not allowed/],
      ['{{prototype}}', /not allowed/],
      ['{{account.nope}}', /unknown merge field/],
      ['{{account.attributes.secret}}', /unknown account attribute/],
      ['{{.}}', /not a merge field name/],
      ['{{account.name', /cannot be parsed/],
      ['{{#a}}', /cannot be parsed/],
    ];
    for (const [text, why] of corpus) {
      const problems = validateTemplate(`Hello ${text}`, 'text', allow, 'body.title');
      assert.ok(problems.length > 0, text);
      assert.equal(problems[0]!.path, 'body.title');
      assert.match(problems[0]!.message, why, text);
      assert.throws(
        () => compileTemplate(text, 'text', allow),
        (e: { code?: string }) => e.code === 'validation_failed',
      );
    }
    assert.deepEqual(
      validateTemplate(
        'Hi {{ contact.first_name }}, renewal {{account.attributes.renewal_date}}',
        'text',
        allow,
      ),
      [],
    );
  });

  it('renders values literally: a value containing {{…}} is never parsed again', () => {
    const evil: MergeContext = {
      account: { name: '{{account.external_id}} {{{x}}} {{#a}}', external_id: 'SECRET' },
    };
    for (const d of ['text', 'html', 'header'] as Destination[]) {
      const out = renderTemplate(compileTemplate('[{{account.name}}]', d), evil);
      assert.ok(!out.includes('SECRET'), d);
      assert.ok(out.includes('{{account.external_id}}'), `${d}: ${out}`);
    }
  });

  it('escapes for HTML', () => {
    assert.equal(
      renderTemplate(compileTemplate('<p>{{account.name}}</p>', 'html'), ctx),
      '<p>Acme &amp; &lt;Sons&gt; &quot;Ltd&quot;</p>',
    );
    assert.equal(
      renderTemplate(compileTemplate('<a title="{{account.name}}">x</a>', 'html'), {
        account: { name: '" onmouseover="alert(1)' },
      }),
      '<a title="&quot; onmouseover&#x3D;&quot;alert(1)">x</a>',
    );
  });

  it('URL-encodes each value and keeps the scheme and host literal', () => {
    const t = compileTemplate(
      'https://api.example.com/{{account.external_id}}/users/{{contact.first_name}}?q={{account.name}}',
      'url',
      allow,
    );
    assert.equal(
      renderTemplate(t, ctx),
      'https://api.example.com/a%2Fb%3Fc%3Dd%26e/users/Zo%C3%AB?q=Acme%20%26%20%3CSons%3E%20%22Ltd%22',
    );
    assert.match(validateTemplate('{{account.name}}/x', 'url')[0]!.message, /literal http/);
    assert.match(
      validateTemplate('https://{{account.name}}.example.com/', 'url')[0]!.message,
      /literal http/,
    );
    assert.match(validateTemplate('javascript:alert(1)', 'url')[0]!.message, /literal http/);
  });

  it('inserts JSON values: outside quotes as JSON values, inside quotes as escaped string content', () => {
    const t = compileTemplate(
      '{"name": {{account.name}}, "tier": {{account.attributes.tier}}, "msg": "Hi {{contact.first_name}} from {{account.name}}", "none": {{contact.last_name}}}',
      'json',
      allow,
    );
    const out = renderTemplate(t, ctx);
    assert.deepEqual(JSON.parse(out), {
      name: 'Acme & <Sons> "Ltd"',
      tier: 3,
      msg: 'Hi Zoë from Acme & <Sons> "Ltd"',
      none: null,
    });
    assert.ok(!out.includes('<'), 'angle brackets are \\u-escaped');
    const injection = renderTemplate(t, {
      ...ctx,
      account: { ...ctx.account, name: '", "admin": true, "x": "' },
    });
    assert.equal(JSON.parse(injection).admin, undefined);
    assert.match(validateTemplate('{"a": {{account.name}}', 'json')[0]!.message, /valid JSON/);
    assert.match(
      validateTemplate('{"a": "{{account.name}}" "b"}', 'json')[0]!.message,
      /valid JSON/,
    );
  });

  it('strips CR, LF and control characters from header values', () => {
    const t = compileTemplate('Bearer {{account.name}}', 'header');
    assert.equal(
      renderTemplate(t, { account: { name: 'x\r\nX-Injected: 1\u0000\u007f' } }),
      'Bearer xX-Injected: 1',
    );
    assert.equal(
      renderTemplate(compileTemplate('{{account.name}}', 'text'), {
        account: { name: 'a\u0007b\nc' },
      }),
      'ab\nc',
    );
  });

  it('child.* (hierarchy plays): account attribute keys, empty when there is no child', () => {
    assert.deepEqual(
      validateTemplate(
        '{{child.name}} {{child.external_id}} {{child.attributes.tier}}',
        'text',
        allow,
      ),
      [],
    );
    assert.match(
      validateTemplate('{{child.attributes.nps}}', 'text', allow)[0]!.message,
      /unknown account attribute "nps"/,
    );
    assert.match(
      validateTemplate('{{child.id}}', 'text', allow)[0]!.message,
      /unknown merge field/,
    );
    const t = compileTemplate('<p>{{child.name}}|{{child.attributes.tier}}</p>', 'html', allow);
    assert.equal(
      renderTemplate(t, { child: { name: 'Kid <1>', attributes: { tier: 2 } } }),
      '<p>Kid &lt;1&gt;|2</p>',
    );
    assert.equal(renderTemplate(t, ctx), '<p>|</p>');
  });

  it('looks up own properties only: inherited members render empty', () => {
    const proto = Object.create({ name: 'inherited' }) as { name?: string };
    assert.equal(
      renderTemplate(compileTemplate('[{{account.name}}]', 'text'), { account: proto }),
      '[]',
    );
    assert.equal(renderTemplate(compileTemplate('[{{account.name}}]', 'text'), {}), '[]');
  });
});
