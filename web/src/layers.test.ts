/**
 * The web app's folders depend one way. A page for one role never reaches into another role's
 * folder (what two roles share lives in domain/, components/, lib/ …), and nothing below the
 * pages reaches up into them:
 *
 *   app/ (shell, router)  → anything
 *   routes/<role>/        → its own role's folder, domain, components, auth, session, api, lib
 *   components/           → auth, api, lib
 *   domain/               → lib, and api for types only (`import type`)
 *   session/              → api, lib
 *   auth/                 → session, api, lib
 *   api/                  → lib
 *   lib/                  → nothing of ours
 *
 * Imports that leave web/src (clinical/, server/ schemas) are not the concern of this check.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

type Layer =
  | 'entry'
  | 'app'
  | 'routes'
  | 'components'
  | 'domain'
  | 'session'
  | 'auth'
  | 'api'
  | 'lib'
  | 'styles';

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  entry: ['app', 'styles'],
  app: ['app', 'routes', 'components', 'domain', 'session', 'auth', 'api', 'lib', 'styles'],
  routes: ['routes', 'components', 'domain', 'session', 'auth', 'api', 'lib'],
  components: ['components', 'auth', 'api', 'lib'],
  domain: ['domain', 'api', 'lib'],
  session: ['session', 'api', 'lib'],
  auth: ['auth', 'session', 'api', 'lib'],
  api: ['api', 'lib'],
  lib: ['lib'],
  styles: ['styles'],
};

/** Imports that domain/ may make only for types, so it stays plain data and words. */
const TYPES_ONLY: Partial<Record<Layer, readonly Layer[]>> = { domain: ['api'] };

const LAYERS = new Set<string>(Object.keys(MAY_IMPORT));

/** Where a file sits: its top folder under web/src, and for a page its role (routes/<role>/…). */
function place(path: string): { layer: Layer; role: string | null } | null {
  const parts = path.split('/');
  if (parts.length === 1) return { layer: 'entry', role: null };
  const top = parts[0] ?? '';
  if (!LAYERS.has(top) || top === 'entry') return null;
  return { layer: top as Layer, role: top === 'routes' ? (parts[1] ?? null) : null };
}

interface ImportStatement {
  specifier: string;
  typeOnly: boolean;
}

const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm;
const BARE_IMPORT = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative imports of one source file (static, side-effect and dynamic). */
function relativeImports(source: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (const match of source.matchAll(STATIC_IMPORT)) {
    found.push({ specifier: match[2] ?? '', typeOnly: match[1] !== undefined });
  }
  for (const match of source.matchAll(BARE_IMPORT))
    found.push({ specifier: match[1] ?? '', typeOnly: false });
  for (const match of source.matchAll(DYNAMIC_IMPORT))
    found.push({ specifier: match[1] ?? '', typeOnly: false });
  return found.filter((statement) => statement.specifier.startsWith('.'));
}

/**
 * Every import between files (paths relative to web/src, '/'-separated) that breaks the
 * direction above, as "from → specifier (why)".
 */
function layerViolations(sources: ReadonlyMap<string, string>): string[] {
  const violations: string[] = [];
  for (const [from, source] of sources) {
    const origin = place(from);
    if (!origin) {
      violations.push(`${from}: folder not in the layer table of web/src/layers.test.ts`);
      continue;
    }
    for (const { specifier, typeOnly } of relativeImports(source)) {
      const to = join(dirname(from), specifier).split(sep).join('/');
      if (to.startsWith('../')) continue;
      const target = place(to);
      const problem = !target
        ? 'into a folder not in the layer table'
        : origin.layer === 'routes' && target.layer === 'routes' && origin.role !== target.role
          ? `role ${origin.role} reaches into role ${target.role}`
          : !MAY_IMPORT[origin.layer].includes(target.layer)
            ? `${origin.layer} may not import ${target.layer}`
            : !typeOnly && TYPES_ONLY[origin.layer]?.includes(target.layer)
              ? `${origin.layer} may import ${target.layer} for types only`
              : null;
      if (problem) violations.push(`${from} → ${specifier} (${problem})`);
    }
  }
  return violations;
}

const webSrc = dirname(fileURLToPath(import.meta.url));

function readSources(folder: string, into = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) readSources(path, into);
    else if (/\.tsx?$/.test(entry.name)) {
      into.set(relative(webSrc, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  }
  return into;
}

describe('web layers', () => {
  it('no page imports another role, and nothing imports upward', () => {
    const sources = readSources(webSrc);
    sources.delete('layers.test.ts'); // its examples below are strings, not imports
    assert.ok(sources.size > 100, `expected the whole app under ${webSrc}, read ${sources.size} files`);
    const violations = layerViolations(sources);
    assert.deepEqual(
      violations,
      [],
      `Imports against the direction of the layers:\n  ${violations.join('\n  ')}`,
    );
  });

  it('reads every kind of relative import', () => {
    const source = [
      "import { a } from './a';",
      'import {',
      '  b,',
      "} from '../b';",
      "import type { C } from '../c';",
      "export { d } from './d';",
      "import './e.css';",
      "const F = lazy(() => import('./f'));",
      "import { react } from 'react';",
    ].join('\n');
    assert.deepEqual(relativeImports(source), [
      { specifier: './a', typeOnly: false },
      { specifier: '../b', typeOnly: false },
      { specifier: '../c', typeOnly: true },
      { specifier: './d', typeOnly: false },
      { specifier: './e.css', typeOnly: false },
      { specifier: './f', typeOnly: false },
    ]);
  });

  it('names cross-role, upward and value imports that break the direction', () => {
    const sources = new Map([
      ['routes/admin/ProtocolsPage.tsx', "import { ROUTE_LABEL } from '../clinician/treatment/labels';"],
      ['routes/patient/intake/steps.tsx', "import { US_STATES } from '../../../domain/usStates';"],
      ['lib/format.ts', "import { ApiError } from '../api/client';"],
      ['components/Notice.tsx', "import { useDocumentTitle } from '../app/useDocumentTitle';"],
      [
        'domain/labels.ts',
        "import { plansApi } from '../api/plans';\nimport type { Plan } from '../api/plans';",
      ],
      ['app/router.tsx', "const Page = lazy(() => import('../routes/nurse/SessionBoardPage'));"],
      ['widgets/Thing.tsx', ''],
    ]);
    assert.deepEqual(layerViolations(sources), [
      'routes/admin/ProtocolsPage.tsx → ../clinician/treatment/labels (role admin reaches into role clinician)',
      'lib/format.ts → ../api/client (lib may not import api)',
      'components/Notice.tsx → ../app/useDocumentTitle (components may not import app)',
      'domain/labels.ts → ../api/plans (domain may import api for types only)',
      'widgets/Thing.tsx: folder not in the layer table of web/src/layers.test.ts',
    ]);
  });
});
