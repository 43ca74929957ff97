/**
 * Liveness and readiness, for the process manager and the load balancer. Outside /api, so no
 * access policy is enforced; they are declared public because anyone may ask.
 */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';

const HealthStatus = z.object({ status: z.literal('ok') }).meta({ id: 'HealthStatus' });

export const healthContract = defineContract('health', {
  liveness: {
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness: the process is up',
    access: { public: true },
    responses: { 200: HealthStatus },
  },
  readiness: {
    method: 'GET',
    path: '/readyz',
    summary: 'Readiness: the database answers a query',
    description:
      'Answers 503 unavailable (the error envelope) while the database does not answer or the server is draining.',
    access: { public: true },
    responses: { 200: HealthStatus },
  },
});
