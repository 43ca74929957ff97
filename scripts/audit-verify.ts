/**
 * `npm run audit:verify`: walks the whole audit trail and checks its hash chain.
 * Exits 0 when intact; 1 naming the first broken entry otherwise.
 */

import { verifyAuditChain } from '../server/platform/audit.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';

const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { driver: 'postgres', url: config.databaseUrl }
    : { driver: 'pglite', dataDir: config.dataDir },
);
try {
  const result = await verifyAuditChain(database.db);
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
} finally {
  await database.close();
}
