import type { FastifyBaseLogger } from 'fastify';

export type ShutdownStep = { name: string; run: () => Promise<void> };

/**
 * On SIGTERM or SIGINT runs the steps in order (stop accepting, drain, close the database),
 * then exits 0; if they take longer than the deadline, exits 1 so a supervisor restarts us.
 */
export function installGracefulShutdown(
  logger: FastifyBaseLogger,
  steps: ShutdownStep[],
  deadlineMs = 9000,
): void {
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    let failed = false;
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(failed ? 1 : 0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
