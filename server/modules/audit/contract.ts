/** The audit trail for admins: the entries, the hash chain's check, and what each kind of entry means. */
import { defineContract } from '../../platform/contract.ts';
import { AuditCatalogue, AuditPage, AuditQuery, ChainVerification } from './schema.ts';

const admins = { roles: ['admin'] } as const;

export const auditContract = defineContract('admin', {
  listAuditTrail: {
    method: 'GET',
    path: '/api/audit',
    summary: 'The audit trail, newest first, filtered',
    access: admins,
    query: AuditQuery,
    responses: { 200: AuditPage },
  },
  verifyAuditTrail: {
    method: 'GET',
    path: '/api/audit/verify',
    summary: "Check the trail's hash chain from the first entry to the last",
    access: admins,
    responses: { 200: ChainVerification },
  },
  auditCatalogue: {
    method: 'GET',
    path: '/api/audit/catalogue',
    summary: 'Every kind of audit entry, grouped, with its action, entity, description and detail keys',
    access: admins,
    responses: { 200: AuditCatalogue },
  },
});
