/**
 * The browser build takes the server's route contracts for their method, path and types only.
 * A contract names Zod schemas (server/modules/<module>/schema.ts …) that the browser never uses:
 * bundled as they are they would add the server's validators and Zod itself (~40 kB gzipped) to
 * every page. So, in the browser build only:
 * - `zod`, imported from a server file, becomes an inert stand-in;
 * - every other server file a contract reaches is replaced by inert exports of the same names.
 * The contracts themselves (`contract.ts`) and `server/platform/contract.ts` are kept whole.
 * A name the replacement misses fails the build ("not exported"), never silently.
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

const INERT_ZOD = '\0stillwater-inert-zod';

/** Callable, and every property of it is itself: `z.object({...}).extend(...).meta(...)` all work. */
const inertSource = 'const inert = new Proxy(function () {}, { get: () => inert, apply: () => inert });';

function isServerFile(id: string): boolean {
  return /[\\/]server[\\/]/.test(id) && !id.includes('node_modules');
}

function keptWhole(id: string): boolean {
  return /[\\/]contract\.ts$/.test(id);
}

/** The names a TypeScript module exports as values (types and interfaces need no stand-in). */
export function valueExportNames(source: string, fileName = 'module.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
        else throw new Error(`${fileName}: destructured exports are not supported in contracts' imports`);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      exported(statement) &&
      statement.name
    ) {
      names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      if (!statement.exportClause)
        throw new Error(`${fileName}: "export *" is not supported in contracts' imports`);
      if (ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements)
          if (!element.isTypeOnly) names.push(element.name.text);
    }
  }
  return names;
}

/** The module that stands in for a server file: the same value exports, each inert. */
export function inertModule(source: string, fileName?: string): string {
  const lines = valueExportNames(source, fileName).map((name) => `export const ${name} = inert;`);
  return [inertSource, ...lines].join('\n');
}

export function serverSchemasAsTypes(): Plugin {
  return {
    name: 'stillwater-server-schemas-as-types',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'zod' && importer && isServerFile(importer)) return INERT_ZOD;
      return null;
    },
    load(id) {
      if (id === INERT_ZOD) return `${inertSource}\nexport const z = inert;\nexport default inert;`;
      return null;
    },
    transform(code, id) {
      if (!isServerFile(id) || keptWhole(id)) return null;
      return { code: inertModule(code, id), map: null };
    },
  };
}
