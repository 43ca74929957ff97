import type { AppDeps } from '../../platform/app-deps.ts';

const pingTimeoutMs = 2000;

/** Returns why the instance cannot serve traffic, or undefined when it can. */
export async function checkReadiness(deps: AppDeps, draining: boolean): Promise<string | undefined> {
  if (draining) return 'Shutting down.';
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.database.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), pingTimeoutMs);
      }),
    ]);
    return undefined;
  } catch (error) {
    return `The database did not answer (${(error as Error).message}).`;
  } finally {
    clearTimeout(timer);
  }
}
