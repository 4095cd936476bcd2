// The web app's CSV import rules as pure functions (the browser test drives the same code through the dialog):
// column guessing, the mapping remembered by header, row validation by attribute type, parent-first ordering,
// and reading the server's `body.rows.<i>.<field>` reasons.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guessMapping, type AttrDef } from '../web/src/features/import/fields.ts';
import { headerHash, loadMapping, saveMapping } from '../web/src/features/import/mapping-memory.ts';
import {
  orderParentsFirst,
  reasonsByIndex,
  toBulkRow,
  validateSlice,
  type Validated,
} from '../web/src/features/import/validate-rows.ts';

const defs: AttrDef[] = [
  { key: 'arr', label: 'ARR', type: 'number', enumValues: null },
  { key: 'renewal_date', label: 'Renewal date', type: 'date', enumValues: null },
  { key: 'strategic', label: 'Strategic', type: 'boolean', enumValues: null },
  { key: 'tier', label: 'Tier', type: 'enum', enumValues: ['Gold', 'Silver'] },
];
const byKey = new Map(defs.map((d) => [d.key, d]));

describe('CSV import: mapping', () => {
  it('guesses fields and attributes by name or label, each target once', () => {
    assert.deepEqual(
      guessMapping(
        ['External ID', 'Name', 'Stage', 'ARR', 'renewal_date', 'Tags', 'name', 'Notes'],
        'account',
        defs,
      ),
      ['externalId', 'name', 'lifecycleStage', 'attr:arr', 'attr:renewal_date', 'tags', '', ''],
    );
    assert.deepEqual(guessMapping(['id', 'account', 'First name', 'E-mail'], 'contact', []), [
      'externalId',
      'accountExternalId',
      'firstName',
      'email',
    ]);
  });

  it('remembers a mapping per entity and header', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    saveMapping('account', ['a', 'b'], ['externalId', 'name'], storage);
    assert.deepEqual(loadMapping('account', ['a', 'b'], storage), ['externalId', 'name']);
    assert.equal(loadMapping('account', ['a', 'c'], storage), null);
    assert.equal(loadMapping('contact', ['a', 'b'], storage), null);
    assert.equal(headerHash('account', ['a', 'b']), headerHash('account', [' a', 'b ']));
  });
});

describe('CSV import: rows', () => {
  const mapping = [
    'externalId',
    'name',
    'parentExternalId',
    'tags',
    'attr:arr',
    'attr:renewal_date',
    'attr:strategic',
    'attr:tier',
  ];
  it('builds the bulk row with typed attributes and leaves empty cells out', () => {
    assert.deepEqual(
      toBulkRow(
        'account',
        ['A-1', ' Acme ', '', 'vip; emea,vip', '1 200.5', '2027-01-31', 'yes', 'gold'],
        mapping,
        byKey,
      ),
      {
        ok: true,
        row: {
          externalId: 'A-1',
          name: 'Acme',
          tags: ['vip', 'emea'],
          attributes: { arr: 1200.5, renewal_date: '2027-01-31', strategic: true, tier: 'Gold' },
        },
      },
    );
  });

  it('rejects missing required fields and wrong attribute types with reasons', () => {
    const r = toBulkRow(
      'account',
      ['', 'Acme', '', '', 'lots', '2027-02-30', 'maybe', 'Bronze'],
      mapping,
      byKey,
    );
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.reasons, [
      'ARR must be a number',
      'Renewal date must be a date (YYYY-MM-DD)',
      'Strategic must be true or false',
      'Tier must be one of: Gold, Silver',
      'external id is required',
    ]);
    const c = toBulkRow(
      'contact',
      ['C-1', 'A-1', 'Ada', 'not-an-address', '12'],
      ['externalId', 'accountExternalId', 'firstName', 'email', 'phone'],
      new Map(),
    );
    assert.deepEqual(!c.ok && c.reasons, [
      'e-mail is not a valid address',
      'phone must be a phone number (digits, spaces, + ( ) . - /)',
    ]);
  });

  it('rejects a repeated external id and orders parents before children, refusing loops', () => {
    const records = [
      ['C', 'Child', 'P'],
      ['P', 'Parent', ''],
      ['C', 'Again', ''],
      ['X', 'Loop x', 'Y'],
      ['Y', 'Loop y', 'X'],
      ['G', 'Grandchild', 'C'],
    ];
    const out: Validated = { rows: [], rejected: [] };
    validateSlice(
      'account',
      records,
      0,
      records.length,
      ['externalId', 'name', 'parentExternalId'],
      new Map(),
      new Map(),
      out,
    );
    const ordered = orderParentsFirst(out);
    assert.deepEqual(
      ordered.rows.map((r) => r.row.externalId),
      ['P', 'C', 'G'],
    );
    assert.deepEqual(ordered.rejected, [
      { line: 2, reasons: ['same external id as line 2'] },
      { line: 3, reasons: ['parent external id forms a loop'] },
      { line: 4, reasons: ['parent external id forms a loop'] },
    ]);
  });

  it("reads the server's reasons by row index", () => {
    const m = reasonsByIndex([
      { path: 'body.rows.3.parentExternalId', message: 'no such account' },
      { path: 'body.rows.3.attributes.arr', message: 'must be a number' },
      { path: 'body.rows.10', message: 'Invalid input' },
      { path: 'body', message: 'ignored' },
    ]);
    assert.deepEqual(
      [...m.entries()],
      [
        [3, ['parent external id: no such account', 'arr: must be a number']],
        [10, ['Invalid input']],
      ],
    );
  });
});
