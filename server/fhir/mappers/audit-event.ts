import type { AuditEvent, AuditEventEntity } from '@medplum/fhirtypes';
import { auditDetailsForDisplay } from '../../platform/audit-details.ts';
import { systems } from '../constants.ts';
import * as repo from '../repo.ts';
import { compact, type ResourceDefinition, source } from './types.ts';

const outcomeCode: Record<string, AuditEvent['outcome']> = { success: '0', denied: '4', failure: '8' };

/**
 * One entry of the tamper-evident audit trail, with its place in the hash chain. Its details are
 * the facts the audit rule admits: an older entry's clinical values or free text stay in the
 * database (under its hash) and out of the resource.
 */
export function toAuditEvent(row: repo.AuditRow): AuditEvent {
  const entity: AuditEventEntity[] = [];
  if (row.patient_id) {
    entity.push({
      what: { reference: `Patient/${row.patient_id}` },
      role: { code: '1', display: 'Patient' },
    });
  }
  entity.push(
    compact<AuditEventEntity>({
      what: row.entity_type
        ? {
            identifier: {
              system: `urn:stillwater:entity:${row.entity_type}`,
              value: row.entity_id ?? undefined,
            },
            display: row.entity_type,
          }
        : { display: 'Stillwater' },
      name: row.entity_type ?? undefined,
      detail: [
        { type: 'details', valueString: JSON.stringify(auditDetailsForDisplay(row.details)) },
        { type: 'seq', valueString: String(row.seq) },
        // An entry not linked into the chain yet (it is, within a second) has no hashes to show.
        ...(row.hash !== null && row.prev_hash !== null
          ? [
              { type: 'hash', valueString: row.hash },
              { type: 'prevHash', valueString: row.prev_hash },
            ]
          : []),
      ],
    }),
  );
  return compact<AuditEvent>({
    resourceType: 'AuditEvent',
    id: row.id,
    type: { system: systems.auditEventType, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'urn:stillwater:audit-subtype', code: row.subtype }],
    action: row.action,
    recorded: row.occurred_at.toISOString(),
    outcome: outcomeCode[row.outcome] ?? '8',
    outcomeDesc: row.outcome === 'denied' ? 'Access denied' : undefined,
    agent: [
      compact({
        who: row.actor_user_id
          ? {
              identifier: { system: 'urn:stillwater:user', value: row.actor_user_id },
              display: row.actor_role ?? undefined,
            }
          : { display: 'Stillwater (system)' },
        requestor: true,
        network: row.ip ? { address: row.ip, type: '2' as const } : undefined,
      }),
    ],
    source: { site: 'Stillwater', observer: { display: 'Stillwater' } },
    entity,
  });
}

export const auditEventDefinition: ResourceDefinition = {
  type: 'AuditEvent',
  documentation:
    'The audit trail (administrators only): every access decision and every read or write of health data.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Entries about this patient' },
    { name: 'date', type: 'date', documentation: 'When it happened (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'date',
  sources: [
    source<repo.AuditRow>({
      access: { admin: true },
      prefix: '',
      list: (db, w) => repo.listAuditEvents(db, w),
      count: (db, w) => repo.countAuditEvents(db, w),
      toResources: async (_db, rows) => rows.map(toAuditEvent),
    }),
  ],
};
