/** The email outbox as admins see it: what was sent or queued, never the body. */
import { defineContract } from '../../platform/contract.ts';
import { OutboxList } from './schema.ts';

export const outboxContract = defineContract('admin', {
  listOutbox: {
    method: 'GET',
    path: '/api/admin/outbox',
    summary: 'Emails the system has sent or queued: recipient, subject, status and times (never the body)',
    access: { roles: ['admin'] },
    responses: { 200: OutboxList },
  },
});
