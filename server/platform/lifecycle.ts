import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

/**
 * Once draining starts, new requests get 503 (and the connection closes) while requests
 * already in flight run to completion.
 */
export function registerDraining(app: FastifyInstance): {
  startDraining: () => void;
  isDraining: () => boolean;
} {
  let draining = false;
  app.addHook('onRequest', async (_request, reply) => {
    if (!draining) return;
    reply
      .status(503)
      .header('Connection', 'close')
      .header('Retry-After', '5')
      .send(errorBody('shutting_down', 'Stillwater is restarting. Please try again in a few seconds.'));
    return reply;
  });
  return {
    startDraining: () => {
      draining = true;
    },
    isDraining: () => draining,
  };
}
