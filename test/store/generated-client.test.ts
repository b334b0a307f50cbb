import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

// scripts/prisma-generate.ts rewrites how each generated client loads its WebAssembly query
// compiler, so the 4.4 MB base64 module does not stay in memory. A Prisma release that
// generates something else, or a `prisma generate` run by hand, would undo that quietly.
describe.each(['sqlite', 'postgresql'])('the generated %s client', (provider) => {
  const source = readFileSync(path.join(PROJECT_ROOT, 'src', 'generated', provider, 'internal', 'class.ts'), 'utf8');

  it('should read its query compiler as a file, not import it', () => {
    expect(source).toMatch(/return await decodeBase64AsWasm\(await readWasmBase64\("@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs"\)\)/);
    expect(source).not.toMatch(/await import\("[^"]*wasm-base64/);
  });
});
