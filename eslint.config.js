// Lint: recommended JS + TypeScript rules, import cycles and module boundaries; type-checking itself is `tsc --noEmit`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const root = path.dirname(fileURLToPath(import.meta.url));
const at = (...parts) => path.join(root, ...parts);
const folders = (dir) =>
  readdirSync(at(dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const domains = folders('src').filter((d) => d !== 'http'); // http/routes.ts is the registry
const features = folders('web/src/features');

/** Server: a domain folder's HTTP layer (its route modules) is imported only by itself and the registry. */
const httpLayerZones = domains.map((d) => ({
  target: [`src/!(${d}|http)/**`, 'src/*.ts', 'src/http/!(routes).ts'],
  from: [`src/${d}/**/routes.ts`, `src/${d}/**/*-routes.ts`],
  message: `Route modules are the HTTP layer: share a use case, query or schema instead (only src/http/routes.ts registers ${d}'s routes).`,
}));

/** Server: outside plays/, the play engine is reached only through its entry points. */
const engineEntries = ['jobs.ts', 'consumer.ts', 'recurring-schedule.ts'];
const engineZone = {
  target: ['src/!(plays)/**', 'src/*.ts'],
  from: ['src/plays/engine/**'],
  except: [at('src/plays/engine', `{${engineEntries.join(',')}}`)],
  message: `The play engine's internals are private to plays/: use ${engineEntries.join(', ')} or a use case in src/plays/.`,
};

/** Web: another feature is reached only through its top-level files (api.ts, types.ts, index.ts re-exports…). */
const featureZones = features.map((f) => ({
  target: [`web/src/features/!(${f})/**`],
  from: [`web/src/features/${f}/*/**/*`],
  message: `A feature's subfolders are private: import a top-level file of features/${f}/, or move shared code to web/src/components or web/src/lib.`,
}));

/** Web: shared layers never import a feature (features compose them, not the other way round). */
const sharedLayerZone = {
  target: ['web/src/lib/**', 'web/src/components/**'],
  from: ['web/src/features/**'],
  message: 'web/src/lib and web/src/components are shared by features and must not import one.',
};

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', 'src/db/migrations', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // Import graph: no runtime cycles (type-only imports are erased by Node's type stripping, so they
    // cannot change load order), resolved as Node and Vite do (`.ts` extensions, web's `@/` alias).
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], alias: { '@': [at('web/src')] } }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Boundaries: a domain or feature imports another one's use cases and public files, never its
      // HTTP layer or internals, so each can change inside without breaking the others.
      'import-x/no-restricted-paths': [
        'error',
        { basePath: root, zones: [...httpLayerZones, ...featureZones, sharedLayerZone] },
      ],
    },
  },
  {
    // Production code only: tests may reach engine internals to set up and observe a firing.
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/test/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { basePath: root, zones: [...httpLayerZones, engineZone] },
      ],
    },
  },
  {
    // The web app (React): the rules of hooks; type-checked separately with `tsc -p web`.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
