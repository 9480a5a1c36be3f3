#!/usr/bin/env node
// Builds the SDK package (openapi/sdk) and packs it: `node scripts/build-sdk.mjs [outDir]`
// (default dist/sdk). The package is assembled in <outDir>/package: the compiled client
// (CommonJS and type declarations, by openapi/sdk/tsconfig.json), the generated schema types,
// the README and the examples, and a copy of its bundled dependencies (openapi-fetch and what
// it needs) taken from this repository's node_modules, so that the tarball installs with no
// registry at all. Prints the tarball's path last.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'openapi', 'sdk');
const out = resolve(process.argv[2] ?? join(root, 'dist', 'sdk'));
const staging = join(out, 'package');

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(source, 'tsconfig.json'),
    '--outDir',
    join(staging, 'dist'),
  ],
  { stdio: 'inherit' },
);
// tsc does not copy declaration files it was given: the generated paths ship as they are.
cpSync(join(source, 'schema.d.ts'), join(staging, 'dist', 'schema.d.ts'));
for (const entry of ['package.json', 'README.md', 'examples']) {
  cpSync(join(source, entry), join(staging, entry), { recursive: true });
}

// The bundled dependencies and, transitively, their own dependencies.
const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
const pending = [...(manifest.bundleDependencies ?? [])];
const copied = new Set();
while (pending.length > 0) {
  const name = pending.shift();
  if (copied.has(name)) continue;
  copied.add(name);
  const from = join(root, 'node_modules', name);
  if (!existsSync(from)) throw new Error(`${name} is not installed here: run npm install first`);
  cpSync(from, join(staging, 'node_modules', name), { recursive: true, dereference: true });
  const dependency = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
  console.log(`bundled ${name}@${dependency.version}`);
  pending.push(...Object.keys(dependency.dependencies ?? {}));
}

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: staging,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
console.log(`${packed.entryCount} files, ${packed.size} bytes`);
console.log(join(out, packed.filename));
