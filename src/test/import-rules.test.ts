// The import rules of eslint.config.js can fail: each forbidden shape, linted as a probe file with
// the project's own config, is reported, and the shapes the code relies on are not.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The import-x rules that fire on `code` written at `file` (the file need not exist). */
async function importProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  assert.ok(result, file);
  assert.deepEqual(
    result.messages.filter((m) => m.fatal),
    [],
    `${file} parses and is not ignored`,
  );
  return result.messages.flatMap((m) => (m.ruleId?.startsWith('import-x/') ? [m.ruleId] : []));
}
const reexport = (from: string) => `export * from '${from}';\n`;
const restricted = ['import-x/no-restricted-paths'];

describe('import rules', () => {
  it("refuses a domain importing another domain's route module, and allows its use cases", async () => {
    assert.deepEqual(
      await importProblems('src/contacts/probe.ts', reexport('../accounts/routes.ts')),
      restricted,
    );
    assert.deepEqual(
      await importProblems(
        'src/plays/actions/probe/index.ts',
        reexport('../../../tasks/routes.ts'),
      ),
      restricted,
    );
    assert.deepEqual(
      await importProblems('src/contacts/probe.ts', reexport('../accounts/schema.ts')),
      [],
    );
    assert.deepEqual(
      await importProblems(
        'src/plays/actions/probe/index.ts',
        reexport('../../../tasks/create-task.ts'),
      ),
      [],
    );
    assert.deepEqual(await importProblems('src/accounts/probe.ts', reexport('./routes.ts')), []);
    assert.deepEqual(
      await importProblems('src/http/routes.ts', reexport('../accounts/routes.ts')),
      [],
      'the registry may',
    );
  });

  it('keeps the play engine internal to plays/ except its entry points, for production code', async () => {
    assert.deepEqual(
      await importProblems('src/accounts/probe.ts', reexport('../plays/engine/fire.ts')),
      restricted,
    );
    assert.deepEqual(
      await importProblems('src/accounts/probe.ts', reexport('../plays/engine/jobs.ts')),
      [],
    );
    assert.deepEqual(await importProblems('src/plays/probe.ts', reexport('./engine/fire.ts')), []);
    assert.deepEqual(
      await importProblems('src/accounts/probe.test.ts', reexport('../plays/engine/fire.ts')),
      [],
      'tests may reach internals',
    );
  });

  it("refuses a web feature importing another feature's subfolder, and lib/ importing a feature", async () => {
    const inner = readdirSync(path.join(root, 'web/src/features/tasks/components'))[0];
    assert.ok(inner, 'tasks has a component to probe with');
    const innerPath = `@/features/tasks/components/${inner.replace(/\.tsx?$/, '')}`;
    assert.deepEqual(
      await importProblems('web/src/features/accounts/probe.ts', reexport(innerPath)),
      restricted,
    );
    assert.deepEqual(
      await importProblems('web/src/features/accounts/probe.ts', reexport('@/features/tasks/api')),
      [],
    );
    assert.deepEqual(
      await importProblems('web/src/features/accounts/probe.ts', reexport('@/features/tasks')),
      [],
    );
    assert.deepEqual(
      await importProblems('web/src/features/tasks/probe.ts', reexport(innerPath)),
      [],
    );
    assert.deepEqual(
      await importProblems('web/src/lib/probe.ts', reexport('@/features/tasks/api')),
      restricted,
    );
  });

  describe('cycles', () => {
    // Two files that import each other, in a scratch folder the normal lint run ignores.
    mkdirSync(path.join(root, '.tmp'), { recursive: true });
    const dir = mkdtempSync(path.join(root, '.tmp', 'import-cycle-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const scratch = new ESLint({ cwd: root, ignore: false });
    const lintPair = async (name: string, aImportsB: string) => {
      const at = path.join(dir, name);
      mkdirSync(at);
      writeFileSync(path.join(at, 'a.ts'), `${aImportsB}\nexport const a = (): number => 1;\n`);
      writeFileSync(
        path.join(at, 'b.ts'),
        `import { a } from './a.ts';\nexport const b = (): number => a();\n`,
      );
      const [result] = await scratch.lintFiles([path.join(at, 'a.ts')]);
      return result!.messages.map((m) => m.ruleId);
    };

    it('reports a runtime import cycle', async () => {
      assert.deepEqual(
        await lintPair(
          'runtime',
          `import { b } from './b.ts';\nexport const c = (): number => b();`,
        ),
        ['import-x/no-cycle'],
      );
    });

    it('allows a type-only import back (erased by type stripping, so no load-order cycle)', async () => {
      assert.deepEqual(
        await lintPair('type-only', `import type { b } from './b.ts';\nexport type C = typeof b;`),
        [],
      );
    });
  });
});
