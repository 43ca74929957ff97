/** The demo patient's treatment plan and prescription. Part of the demo seed (seed.ts). */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { planRecord, snapshotOf } from '../modules/plans/plan-changes.ts';
import * as planRepo from '../modules/plans/repo.ts';
import * as prescriptionRepo from '../modules/prescriptions/repo.ts';
import { prescribedDrug } from '../modules/prescriptions/schema.ts';
import { findActiveLicence } from '../modules/staff/repo.ts';
import type { Database } from '../platform/db/schema.ts';
import { dayMs, localDate } from '../platform/time.ts';

/**
 * The demo patient's treatment: an active plan from the induction protocol at 300 mg,
 * started a week ago, and its prescription of 18 × 100 mg lozenges, receipt confirmed.
 * Idempotent: skipped when the plan exists or the patient already has a plan in force.
 * Sessions under the plan are seeded by the sessions module.
 */
export async function seedDemoTreatment(
  db: Kysely<Database>,
  now: Date,
  ids: {
    patientId: string;
    patientUserId: string;
    clinicianId: string;
    protocolId: string;
    planId: string;
    prescriptionId: string;
  },
): Promise<boolean> {
  const existing = await db
    .selectFrom('treatment_plans')
    .select('id')
    .where('id', '=', ids.planId)
    .executeTakeFirst();
  if (existing || (await planRepo.findOpenPlanRow(db, ids.patientId))) return false;
  const protocol = await db
    .selectFrom('protocols')
    .selectAll()
    .where('id', '=', ids.protocolId)
    .executeTakeFirst();
  const patient = await db
    .selectFrom('patients')
    .selectAll()
    .where('id', '=', ids.patientId)
    .executeTakeFirst();
  if (!protocol || !patient?.state_of_residence) return false;
  const clinic = await db.selectFrom('clinic').select('time_zone').executeTakeFirst();
  const timeZone = clinic?.time_zone ?? 'America/Denver';
  const startsOn = localDate(new Date(now.getTime() - 7 * dayMs), timeZone);
  const endsOn = localDate(new Date(now.getTime() + 11 * 7 * dayMs), timeZone);
  const prescriber = await prescriptionRepo.findPrescriberProfile(db, ids.clinicianId);
  const licence = await findActiveLicence(db, ids.clinicianId, patient.state_of_residence, startsOn);
  if (!prescriber?.dea_number || !licence) return false;

  await db.transaction().execute(async (trx) => {
    const writtenAt = new Date(now.getTime() - 8 * dayMs);
    const {
      id: _id,
      key: _key,
      version: _v,
      name: _n,
      description: _d,
      change_note: _c,
      created_by: _b,
      created_at: _a,
      assessment_schedule: schedule,
      ...settings
    } = protocol;
    await planRepo.insertPlan(trx, {
      ...settings,
      assessment_schedule: JSON.stringify(schedule),
      id: ids.planId,
      patient_id: ids.patientId,
      protocol_id: protocol.id,
      status: 'draft',
      version: 1,
      dose_mg: protocol.starting_dose_mg,
      bp_limit_reason: null,
      starts_on: startsOn,
      ends_on: endsOn,
      status_reason: null,
      notes: 'Sessions on Tuesday evenings with Sam at home. Take the lozenge after a light lunch, no later.',
      created_by: ids.clinicianId,
      created_at: writtenAt,
      updated_at: writtenAt,
    });
    const draft = planRecord((await planRepo.lockPlan(trx, ids.planId))!);
    await planRepo.insertPlanVersion(trx, {
      planId: ids.planId,
      version: 1,
      patientId: ids.patientId,
      snapshot: snapshotOf(draft),
      changeNote: `Written from ${protocol.name} (version ${protocol.version})`,
      changedBy: ids.clinicianId,
      now: writtenAt,
    });
    const activatedAt = new Date(now.getTime() - 7 * dayMs);
    await planRepo.updatePlanIfVersion(trx, ids.planId, 1, { status: 'active', updated_at: activatedAt });
    const active = planRecord((await planRepo.lockPlan(trx, ids.planId))!);
    await planRepo.insertPlanVersion(trx, {
      planId: ids.planId,
      version: 2,
      patientId: ids.patientId,
      snapshot: snapshotOf(active),
      changeNote: 'Activated after the video visit; prescription sent to the pharmacy.',
      changedBy: ids.clinicianId,
      now: activatedAt,
    });
    await prescriptionRepo.insertPrescription(trx, {
      id: ids.prescriptionId,
      patient_id: ids.patientId,
      plan_id: ids.planId,
      drug: prescribedDrug,
      form: 'sublingual lozenge (troche)',
      strength_mg: 100,
      quantity: 18,
      directions:
        'Dissolve 3 lozenges (300 mg) under the tongue at the start of each supervised session; do not swallow for 15 minutes.',
      refills: 0,
      prescriber_id: ids.clinicianId,
      prescriber_name: prescriber.credentials
        ? `${prescriber.display_name}, ${prescriber.credentials}`
        : prescriber.display_name,
      dea_number: prescriber.dea_number!,
      licence_state: licence.state,
      licence_number: licence.number,
      pharmacy_name: 'Front Range Compounding Pharmacy',
      pharmacy_address: '1450 Wynkoop St, Denver, CO 80202',
      pharmacy_phone: '+1 (555) 010-0450',
      written_on: localDate(writtenAt, timeZone),
      basis: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026',
      received_at: new Date(now.getTime() - 6 * dayMs),
      received_quantity: 18,
      created_at: writtenAt,
    });
    await prescriptionRepo.insertCountEntry(trx, {
      id: uuidv7(),
      patientId: ids.patientId,
      prescriptionId: ids.prescriptionId,
      kind: 'received',
      change: 18,
      expectedAfter: 18,
      recordedBy: ids.patientUserId,
      now: new Date(now.getTime() - 6 * dayMs),
    });
  });
  return true;
}
