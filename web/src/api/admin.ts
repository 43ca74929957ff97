/** Admin: staff and licences, invites, the email outbox, the audit trail and break-glass reviews. */
import type { z } from 'zod';
import { auditContract } from '../../../server/modules/audit/contract.ts';
import type * as auditSchema from '../../../server/modules/audit/schema.ts';
import { outboxContract } from '../../../server/modules/outbox/contract.ts';
import type * as outboxSchema from '../../../server/modules/outbox/schema.ts';
import { patientContract } from '../../../server/modules/patients/contract.ts';
import type * as patientSchema from '../../../server/modules/patients/schema.ts';
import { staffContract } from '../../../server/modules/staff/contract.ts';
import type * as staffSchema from '../../../server/modules/staff/schema.ts';
import type { StaffRole } from './auth';
import { call } from './call';

export type StaffLicence = z.infer<typeof staffSchema.Licence>;
export type StaffMember = z.infer<typeof staffSchema.StaffMember>;
export type StaffProfileChanges = z.input<typeof staffSchema.UpdateStaffInput>;
export type AuditEvent = z.infer<typeof auditSchema.AuditEntry>;
export type AuditPage = z.infer<typeof auditSchema.AuditPage>;
export type AuditVerification = z.infer<typeof auditSchema.ChainVerification>;
/** Every kind of audit entry, grouped, with what it means (from the server's audit catalogue). */
export type AuditCatalogue = z.infer<typeof auditSchema.AuditCatalogue>;
export type AuditKindInfo = AuditCatalogue['groups'][number]['kinds'][number];
export type BreakGlassGrant = z.infer<typeof patientSchema.BreakGlassReviewItem>;

/** The audit filters as the page keeps them: plain strings from the address bar. */
export interface AuditFilters {
  actorUserId?: string;
  patientId?: string;
  action?: string;
  subtype?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** An email as admins see it: recipient, subject, status and times, never the body. */
export type OutboxEmail = z.infer<typeof outboxSchema.OutboxItem>;

const staff = staffContract;
const member = (userId: string) => ({ params: { userId } });

export const adminApi = {
  listStaff: () => call(staff.listStaff),
  updateStaff: (userId: string, changes: StaffProfileChanges) =>
    call(staff.updateStaff, { ...member(userId), body: changes }),
  addLicence: (userId: string, licence: { state: string; number: string; expiresOn: string }) =>
    call(staff.addLicence, { ...member(userId), body: licence }),
  removeLicence: (userId: string, licenceId: string) =>
    call(staff.removeLicence, { params: { userId, licenceId } }),
  disableStaff: (userId: string) => call(staff.disableStaff, member(userId)),
  enableStaff: (userId: string) => call(staff.enableStaff, member(userId)),
  /** The intake team receives alerts and intake reviews of patients without a care team. */
  addToIntakeTeam: (userId: string) => call(staff.addToIntakeTeam, member(userId)),
  removeFromIntakeTeam: (userId: string) => call(staff.removeFromIntakeTeam, member(userId)),
  inviteStaff: (invite: { email: string; role: StaffRole; displayName: string }) =>
    call(staff.inviteStaff, { body: invite }),
  listOutbox: () => call(outboxContract.listOutbox),
  listAudit: (filters: AuditFilters, cursor?: string, limit = 50) =>
    call(auditContract.listAuditTrail, {
      // The page's filters are plain strings from the address bar; the server validates them.
      query: { ...withoutBlanks(filters), limit, cursor } as z.input<typeof auditSchema.AuditQuery>,
    }),
  verifyAudit: () => call(auditContract.verifyAuditTrail),
  auditCatalogue: () => call(auditContract.auditCatalogue),
  listBreakGlass: () => call(patientContract.listBreakGlass),
  reviewBreakGlass: (id: string, note: string) =>
    call(patientContract.reviewBreakGlass, { params: { id }, body: { note } }),
};

function withoutBlanks(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined && value !== ''),
  );
}
