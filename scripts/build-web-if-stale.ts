/**
 * `npm start` runs this first: builds the web app when dist/web is missing or older than
 * its sources, so a fresh clone starts with one command and a warm one starts fast.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');
const sources = ['web', 'vite.config.ts', 'package.json'].map((p) => path.join(root, p));

function newestModification(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
const sourcesChangedAt = Math.max(...sources.map(newestModification));
if (builtAt >= sourcesChangedAt) {
  process.stdout.write('Web app is up to date.\n');
} else {
  process.stdout.write(builtAt === 0 ? 'Building the web app…\n' : 'Web sources changed; rebuilding…\n');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  process.stdout.write('Web app built.\n');
}
