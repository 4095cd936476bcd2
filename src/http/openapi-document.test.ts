// The API document as real clients use it: Redocly's recommended rules pass, and the web app's generated
// types (web/src/lib/api-schema.d.ts) are the ones this document produces.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiSchemaFile, apiSchemaSource, buildApiDocument } from '../../scripts/gen-api.ts';

type LintReport = {
  totals: { errors: number; warnings: number };
  problems: Array<{
    ruleId: string;
    message: string;
    severity: string;
    location: Array<{ pointer: string }>;
  }>;
};

/** `redocly lint` with its built-in recommended rules, offline (no telemetry, no update check). */
function redoclyLint(document: unknown): LintReport {
  const dir = mkdtempSync(path.join(tmpdir(), 'pm-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const r = spawnSync(
      process.execPath,
      [cli, 'lint', file, '--format=json', '--extends=recommended', '--max-problems=1000'],
      {
        encoding: 'utf8',
        cwd: dir,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
          NO_COLOR: '1',
        },
      },
    );
    const json = r.stdout.slice(r.stdout.indexOf('{'));
    assert.ok(json, `redocly printed no report (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(json) as LintReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  let document: unknown;
  before(async () => {
    document = await buildApiDocument();
  });

  it("passes Redocly's recommended rules without an error", () => {
    const report = redoclyLint(document);
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    assert.deepEqual(errors, []);
    assert.equal(report.totals.errors, 0);
  });

  it("is what the web app's committed API types were generated from", async () => {
    const fresh = await apiSchemaSource(document);
    assert.ok(
      readFileSync(apiSchemaFile, 'utf8') === fresh,
      'web/src/lib/api-schema.d.ts is out of date: run npm run gen:api',
    );
  });
});
