/**
 * `npm run audit:verify`: walks the linked audit trail and checks its hash chain, and says how
 * many committed entries wait to be linked (a running server links them within a second).
 * Exits 0 when intact; 1 naming the first broken entry otherwise. `--link` first links what
 * waits, as the server's chainer would (safe while a server runs).
 */

import {
  countPendingAudit,
  linkAllPendingAudit,
  verifyAuditChain,
} from '../server/platform/audit-chainer.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';

const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { driver: 'postgres', url: config.databaseUrl }
    : { driver: 'pglite', dataDir: config.dataDir },
);
try {
  if (process.argv.includes('--link')) await linkAllPendingAudit(database.db);
  const result = await verifyAuditChain(database.db);
  const pending = await countPendingAudit(database.db);
  if (result.intact) {
    process.stdout.write(`Audit trail intact: ${result.checked} entries checked.\n`);
  } else {
    const broken = result.firstBroken!;
    process.stdout.write(
      `Audit trail BROKEN at entry ${broken.seq} (${broken.id}): ${broken.reason}.\n` +
        `${result.checked} entries before it are intact.\n`,
    );
    process.exitCode = 1;
  }
  if (pending > 0) {
    process.stdout.write(
      `${pending} ${pending === 1 ? 'entry waits' : 'entries wait'} to be linked into the chain ` +
        '(a running server links them within a second; --link links them now).\n',
    );
  }
} finally {
  await database.close();
}
