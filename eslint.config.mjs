// ESLint 9 flat config: typescript-eslint's type-checked rules for everything in the
// TypeScript project, with the few relaxations NestJS code and Jest tests need.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

// The few Node globals plain .js/.mjs files here use (avoids a `globals` dependency).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'require', 'module', '__dirname', 'URL', 'setTimeout'].map((name) => [
    name,
    'readonly',
  ]),
);

// One clock (src/core/clock): a wall-clock read elsewhere would make "today" untestable and
// the tests pass only on some dates. Durations use performance.now(); the exceptions (a
// row's own write time, uuid v7 ids) carry an eslint-disable comment saying why.
const wallClockReads = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Read the time from the injected Clock (src/core/clock), not new Date().',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Read the time from the injected Clock (src/core/clock), not Date.now().',
  },
];
const databaseClockReads = [
  {
    selector: 'Literal[value=/\\b(now\\(\\)|current_date|current_timestamp|localtimestamp)/i]',
    message: "SQL must not read the database's clock for a rule: pass Clock.now() as a parameter.",
  },
  {
    selector:
      'TemplateElement[value.raw=/\\b(now\\(\\)|current_date|current_timestamp|localtimestamp)/i]',
    message: "SQL must not read the database's clock for a rule: pass Clock.now() as a parameter.",
  },
];

// The feature modules, bottom to top. A module imports core/ and the modules of lower layers,
// never one beside or above it: read a higher module's data through its exported service, or
// move the rule down to its owner. Sub-modules that work on a higher module's data are rooms
// of their own (people/credentials prints class lists, so it sits above classes).
const MODULE_LAYERS = [
  ['reference-data', 'academic-years', 'accounts', 'backups'],
  ['people', 'curriculum'],
  ['classes'],
  ['people/credentials', 'people/import', 'profile'],
  ['lessons', 'people/usage'],
  ['grades', 'attendance'],
  ['journal'],
  ['timetable'],
  ['workload'],
  ['reports'],
];
const SUB_MODULES = { people: ['credentials', 'import', 'usage'] };
const filesOf = (unit) =>
  SUB_MODULES[unit]
    ? [`./src/modules/${unit}/*.ts`, `./src/modules/${unit}/!(${SUB_MODULES[unit].join('|')})/**`]
    : [`./src/modules/${unit}/**`];
const layerZones = MODULE_LAYERS.flatMap((layer, index) =>
  layer.map((unit) => ({
    target: filesOf(unit),
    from: MODULE_LAYERS.slice(index)
      .flat()
      .filter((other) => other !== unit)
      .flatMap(filesOf),
    message: `${unit} may import only core/ and the modules below it (MODULE_LAYERS in eslint.config.mjs).`,
  })),
).filter((zone) => zone.from.length > 0);

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'openapi/sdk/schema.d.ts'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked against the tsconfig.json that includes it; root-level
        // TypeScript files outside it (jest.config.ts, …) get a default project.
        projectService: { allowDefaultProject: ['*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
      // `items.map(SomeDto.from)`: static factories are a common Nest/DTO idiom.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
    },
  },
  {
    // Tests: supertest bodies and mocks are `any`, and `expect(service.method)` passes
    // methods unbound on purpose.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Arrows point down: src/ entry points and the entity list → modules → core. A module
    // that imports a module importing it back (however far round) fails here, and so does
    // core/ reaching up into a feature. `import type` is erased at build time and does not
    // count (an ORM relation names its target by string and imports only its type).
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: './src/modules',
              message: 'core/ is below the feature modules: pass what it needs in from above.',
            },
            ...layerZones,
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/clock/**', 'src/migrations/**'],
    rules: { 'no-restricted-syntax': ['error', ...wallClockReads, ...databaseClockReads] },
  },
  {
    // Tests pin the clock (test/support/test-app.ts) and build their dates from it.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...wallClockReads] },
  },
  {
    // Plain JavaScript (this file, tool configs) is not type-checked.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: nodeGlobals,
    },
  },
);
