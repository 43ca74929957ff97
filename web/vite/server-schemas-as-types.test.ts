import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inertModule, valueExportNames } from './server-schemas-as-types.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every server file a contract may import schemas from. */
function schemaFiles(): string[] {
  const modules = join(root, 'server/modules');
  const files = readdirSync(modules, { recursive: true, encoding: 'utf8' })
    .filter((path) => /(^|[\\/])[\w-]*schema\.ts$/.test(path))
    .map((path) => join(modules, path));
  return [...files, join(root, 'server/platform/http-schemas.ts')];
}

describe('server schemas as types in the browser build', () => {
  it('finds the value exports of a module and none of its types', () => {
    const source = `
      import { z } from 'zod';
      export const A = z.object({});
      export type A = z.infer<typeof A>;
      export interface B { b: string }
      export function c() {}
      const d = 1, e = 2;
      export { d, e as f };
      export type { B as G };
    `;
    assert.deepEqual(valueExportNames(source), ['A', 'c', 'd', 'f']);
    assert.match(inertModule(source), /export const A = inert;\nexport const c = inert;/);
  });

  it('names exactly what each schema module exports at run time', async () => {
    for (const file of schemaFiles()) {
      const runtime = Object.keys(await import(file)).sort();
      const found = valueExportNames(readFileSync(file, 'utf8'), file).sort();
      assert.deepEqual(found, runtime, file);
    }
  });

  it('refuses what it cannot follow rather than guess', () => {
    assert.throws(() => valueExportNames("export * from './schema.ts';"), /export \*/);
  });
});
