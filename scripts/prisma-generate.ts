/**
 * Generates the Prisma clients for SQLite and PostgreSQL from prisma/schema.prisma.
 *
 * Runs at `npm install` (postinstall). The Prisma CLI wants to download a schema-engine binary
 * before any command, which fails on offline or restricted networks; `generate` never uses
 * that engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePostgresSchema } from '../src/store/derive-postgres-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = path.join(root, 'prisma', 'schema.prisma');
const generatedDir = path.join(root, 'src', 'generated');
const postgresSchema = path.join(generatedDir, 'schema.postgresql.prisma');

mkdirSync(generatedDir, { recursive: true });
writeFileSync(postgresSchema, derivePostgresSchema(readFileSync(sqliteSchema, 'utf8')));

/** How the module holding the query compiler spells it. */
const WASM_CONSTANT = /const wasm = "([A-Za-z0-9+/=]+)"/;

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? prismaCli,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

for (const schema of [sqliteSchema, postgresSchema]) {
  const run = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error(`prisma generate failed for ${path.relative(root, schema)}`);
    process.exit(run.status ?? 1);
  }
}
for (const provider of ['sqlite', 'postgresql']) readQueryCompilerAsFile(path.join(generatedDir, provider, 'internal', 'class.ts'));

/**
 * The generated client imports its WebAssembly query compiler from a module that holds it as
 * one base64 string (4.4 MB). An imported module stays loaded for the life of the process, and
 * with it both its source text and that string: 8–9 MB of a bot that should stay under 230 MB.
 * Read as a file instead, the text is garbage once the module is compiled.
 *
 * Only memory is at stake: when a Prisma release generates something else, the client is
 * left as generated, with a warning, and test/store/generated-client.test.ts fails.
 */
function readQueryCompilerAsFile(file: string): void {
  const source = readFileSync(file, 'utf8');
  const imported = /const \{ wasm \} = await import\("([^"]+\.wasm-base64\.m?js)"\)\n\s*return await decodeBase64AsWasm\(wasm\)/.exec(source);
  const decoder = 'async function decodeBase64AsWasm(';
  const holder = imported ? readFileSync(createRequire(file).resolve(imported[1]!), 'utf8') : '';
  if (!imported || !source.includes(decoder) || !WASM_CONSTANT.test(holder)) {
    console.warn(`${path.relative(root, file)}: the generated client does not load its query compiler as scripts/prisma-generate.ts expects; left as generated (about 8 MB more memory). Update readQueryCompilerAsFile.`);
    return;
  }
  const reader = `async function readWasmBase64(specifier: string): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const { createRequire } = await import('node:module')
  const text = await readFile(createRequire(import.meta.url).resolve(specifier), 'utf8')
  const found = ${WASM_CONSTANT}.exec(text)
  if (!found) throw new Error(\`no WebAssembly module in \${specifier}\`)
  return found[1]!
}

`;
  const patched = source
    .replace(imported[0], `return await decodeBase64AsWasm(await readWasmBase64(${JSON.stringify(imported[1])}))`)
    .replace(decoder, `${reader}${decoder}`);
  writeFileSync(file, patched);
}
