import type { Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { requireAccess } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { Database, Db, Patient } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { localDate } from '../../platform/time.ts';
import { raiseAlert } from '../alerts/service.ts';
import { findClinic } from '../clinic/repo.ts';
import { findPatient } from '../patients/repo.ts';
import { findOpenPlan } from '../plans/plan-changes.ts';
import { findActiveLicence } from '../staff/repo.ts';
import * as repo from './repo.ts';
import { type Prescription, type PrescriptionInput, prescribedDrug } from './schema.ts';

/** Counts are in lozenges, which may be split in halves; compare with a little slack for floats. */
const tolerance = 1e-6;
const lozenges = (n: number) => String(Math.round(n * 100) / 100);

const ones = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const teens = [
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A quantity written out in words, as on a paper prescription, so a changed digit shows. */
export function quantityInWords(n: number): string {
  if (n <= 10) return ones[n]!;
  if (n < 20) return teens[n - 11]!;
  if (n < 100) return `${tens[Math.floor(n / 10)]}${n % 10 ? `-${ones[n % 10]}` : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${ones[Math.floor(n / 100)]} hundred${rest ? ` and ${quantityInWords(rest)}` : ''}`;
  }
  return String(n);
}

function prescriptionView(row: repo.PrescriptionRow, patient: Patient): Prescription {
  return {
    id: row.id,
    patientId: row.patient_id,
    planId: row.plan_id,
    schedule: 'III',
    drug: row.drug,
    form: row.form,
    strengthMg: row.strength_mg,
    quantity: row.quantity,
    quantityInWords: quantityInWords(row.quantity),
    directions: row.directions,
    refills: row.refills,
    patient: {
      name: `${patient.given_name} ${patient.family_name}`,
      dateOfBirth: patient.date_of_birth,
      stateOfResidence: patient.state_of_residence,
    },
    prescriber: {
      userId: row.prescriber_id,
      name: row.prescriber_name,
      deaNumber: row.dea_number,
      licenceState: row.licence_state,
      licenceNumber: row.licence_number,
    },
    pharmacy: { name: row.pharmacy_name, address: row.pharmacy_address, phone: row.pharmacy_phone },
    writtenOn: row.written_on,
    basis: row.basis,
    status: row.status,
    receivedAt: row.received_at?.toISOString() ?? null,
    receivedQuantity: row.received_quantity,
    createdAt: row.created_at.toISOString(),
  };
}

type FailedCheck = { check: 'dea_registration' | 'state_licence'; reason: string };

/**
 * A prescriber signs a Schedule III prescription under the patient's active or draft plan.
 * At signing, the prescriber must hold a DEA registration and a licence in the patient's
 * state of residence, both unexpired on the date written; otherwise 422 names each failed check.
 */
export async function createPrescription(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: PrescriptionInput,
): Promise<Prescription> {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.treatment.prescribe');
  const actor = context.actor!;
  const plan = await findOpenPlan(db, patientId);
  if (!plan || plan.status === 'paused') {
    throw new AppError(
      'unprocessable',
      plan
        ? `The plan is paused${plan.statusReason ? ` (${plan.statusReason})` : ''}; resume it before prescribing.`
        : 'A prescription needs an active or draft treatment plan; write the plan first.',
      { failed: ['plan'] },
    );
  }
  const clinic = await findClinic(db);
  const today = localDate(context.now(), clinic?.time_zone ?? 'UTC');
  const writtenOn = input.writtenOn ?? today;
  if (writtenOn > today) {
    throw new AppError('invalid_request', `writtenOn: must not be after today (${today}).`);
  }

  const patient = (await findPatient(db, patientId))!;
  const prescriber = await repo.findPrescriberProfile(db, actor.userId);
  const failed: FailedCheck[] = [];
  if (!prescriber?.dea_number) {
    failed.push({
      check: 'dea_registration',
      reason: 'you have no DEA registration on file (an administrator adds it under Staff)',
    });
  } else if (!prescriber.dea_expires_on || prescriber.dea_expires_on < writtenOn) {
    failed.push({
      check: 'dea_registration',
      reason: prescriber.dea_expires_on
        ? `your DEA registration ${prescriber.dea_number} expired on ${prescriber.dea_expires_on}`
        : `your DEA registration ${prescriber.dea_number} has no expiry date on file`,
    });
  }
  const state = patient.state_of_residence;
  const licence = state ? await findActiveLicence(db, actor.userId, state, writtenOn) : undefined;
  if (!licence) {
    failed.push({
      check: 'state_licence',
      reason: state
        ? `you hold no licence in ${state}, where this patient lives, unexpired on ${writtenOn}`
        : 'the patient has not told us their state of residence',
    });
  }
  // The checks above leave no way through without a registration and a licence.
  if (failed.length > 0 || !prescriber?.dea_number || !licence) {
    throw new AppError(
      'unprocessable',
      `This prescription cannot be signed: ${failed.map((f) => f.reason).join('; ')}.`,
      { failed: failed.map((f) => f.check), reasons: failed },
    );
  }

  const id = uuidv7();
  const now = context.now();
  const name = prescriber.credentials
    ? `${prescriber.display_name}, ${prescriber.credentials}`
    : prescriber.display_name;
  await db.transaction().execute(async (trx) => {
    await repo.insertPrescription(trx, {
      id,
      patient_id: patientId,
      plan_id: plan.id,
      drug: prescribedDrug,
      form: input.form,
      strength_mg: input.strengthMg,
      quantity: input.quantity,
      directions: input.directions,
      refills: input.refills,
      prescriber_id: actor.userId,
      prescriber_name: name,
      dea_number: prescriber.dea_number!,
      licence_state: licence.state,
      licence_number: licence.number,
      pharmacy_name: input.pharmacy.name,
      pharmacy_address: input.pharmacy.address,
      pharmacy_phone: input.pharmacy.phone ?? null,
      written_on: writtenOn,
      basis: input.basis,
      created_at: now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'prescription.create',
      patientId,
      entityType: 'Prescription',
      entityId: id,
      // What was prescribed is on the prescription; the trail names the plan and the licence used.
      details: { planId: plan.id, licenceId: licence.id },
    });
  });
  return prescriptionView((await repo.findPrescription(db, patientId, id))!, patient);
}

export async function listPatientPrescriptions(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  const rows = await repo.listPrescriptions(db, patientId);
  const patient = (await findPatient(db, patientId))!;
  await auditPatientRead(db, context, 'prescription.read', grant, { details: { returned: rows.length } });
  return rows.map((row) => prescriptionView(row, patient));
}

/** The patient's prescription, or a 404 when there is none by that id. */
async function requirePrescription(db: Db, patientId: string, id: string) {
  const row = await repo.findPrescription(db, patientId, id);
  if (!row) throw new AppError('not_found', 'No such prescription.');
  return row;
}

export async function getPatientPrescription(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  id: string,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  const row = await requirePrescription(db, patientId, id);
  await auditPatientRead(db, context, 'prescription.read', grant, { entityId: id });
  return prescriptionView(row, (await findPatient(db, patientId))!);
}

/**
 * The patient confirms what the pharmacy handed over: a 'received' entry in the count. A
 * quantity other than the one prescribed raises a high alert for the care team.
 */
export async function confirmReceipt(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  id: string,
  quantityReceived: number,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const prescription = await requirePrescription(db, patientId, id);
  if (prescription.status !== 'active') {
    throw new AppError('conflict', 'This prescription was cancelled; there is nothing to receive.');
  }
  const now = context.now();
  const matches = quantityReceived === prescription.quantity;
  let expected = 0;
  await db.transaction().execute(async (trx) => {
    await repo.lockCountLedger(trx, patientId);
    if (!(await repo.markReceived(trx, id, quantityReceived, now))) {
      throw new AppError('conflict', 'Receipt of this prescription was already confirmed.');
    }
    expected = (await repo.expectedOnHand(trx, patientId)) + quantityReceived;
    const entryId = uuidv7();
    await repo.insertCountEntry(trx, {
      id: entryId,
      patientId,
      prescriptionId: id,
      kind: 'received',
      change: quantityReceived,
      expectedAfter: expected,
      note: matches ? null : `Prescribed ${prescription.quantity}, received ${quantityReceived}`,
      recordedBy: context.actor?.userId ?? null,
      now,
    });
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'prescription.receipt',
      patientId,
      entityType: 'Prescription',
      entityId: id,
      details: { matchesRecord: matches },
    });
    if (!matches) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'medication_count',
        severity: 'high',
        reason: `Received ${quantityReceived} lozenges, but the prescription written on ${prescription.written_on} was for ${prescription.quantity}. Check with the patient and the pharmacy.`,
        sourceType: 'prescription_receipt',
        sourceId: id,
        details: { prescriptionId: id, prescribed: prescription.quantity, received: quantityReceived },
      });
    }
  });
  const updated = (await repo.findPrescription(db, patientId, id))!;
  return {
    prescription: prescriptionView(updated, (await findPatient(db, patientId))!),
    check: {
      matches,
      expected,
      message: matches
        ? 'Thank you. Your lozenges are recorded; keep them locked away.'
        : `Thank you. You received ${quantityReceived} but ${prescription.quantity} were prescribed, so your care team will contact you to sort it out.`,
    },
  };
}

/**
 * The patient (or a nurse or clinician watching on video) counts the lozenges on hand: a
 * 'reported' entry. A count that differs from what the record expects raises a high alert.
 */
export async function reportMedicationCount(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: { count: number; note?: string | undefined },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.session_day.write');
  const prescription =
    (await repo.findCurrentPrescription(db, patientId)) ?? (await repo.listPrescriptions(db, patientId))[0];
  if (!prescription) {
    throw new AppError('unprocessable', 'There is no prescription on file to count against yet.');
  }
  const now = context.now();
  const entryId = uuidv7();
  let expected = 0;
  await db.transaction().execute(async (trx) => {
    await repo.lockCountLedger(trx, patientId);
    expected = await repo.expectedOnHand(trx, patientId);
    await repo.insertCountEntry(trx, {
      id: entryId,
      patientId,
      prescriptionId: prescription.id,
      kind: 'reported',
      change: 0,
      expectedAfter: expected,
      reportedCount: input.count,
      note: input.note?.trim() || null,
      recordedBy: context.actor?.userId ?? null,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'medication_count.report',
      patientId,
      entityType: 'MedicationCountEntry',
      entityId: entryId,
      details: { matchesRecord: Math.abs(input.count - expected) <= tolerance },
    });
    if (Math.abs(input.count - expected) > tolerance) {
      await raiseAlert(trx, context, {
        patientId,
        kind: 'medication_count',
        severity: 'high',
        reason: `The medication count does not add up: ${lozenges(input.count)} lozenges counted, ${lozenges(expected)} expected from the record. Check with the patient.`,
        sourceType: 'medication_count_report',
        sourceId: entryId,
        details: { prescriptionId: prescription.id, counted: input.count, expected },
      });
    }
  });
  const matches = Math.abs(input.count - expected) <= tolerance;
  const [entry] = await repo.listCountEntries(db, patientId, 1);
  return {
    entry: entryView(entry!),
    check: {
      matches,
      expected,
      message: matches
        ? 'Thank you. Your count matches our record.'
        : 'Thank you. Your count is different from our record, so your care team will contact you to go through it together.',
    },
  };
}

function entryView(row: repo.CountEntryRow) {
  return {
    id: row.id,
    prescriptionId: row.prescription_id,
    kind: row.kind,
    change: row.change,
    expectedAfter: row.expected_after,
    reportedCount: row.reported_count,
    sessionId: row.session_id,
    note: row.note,
    recordedByName: row.recorded_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getMedicationCount(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.treatment.read');
  const [entries, expected, last] = await Promise.all([
    repo.listCountEntries(db, patientId, 200),
    repo.expectedOnHand(db, patientId),
    repo.findLastReported(db, patientId),
  ]);
  await auditPatientRead(db, context, 'medication_count.read', grant, {
    details: { returned: entries.length },
  });
  return {
    unit: 'lozenges' as const,
    expected,
    lastReported: last
      ? {
          count: last.reported_count!,
          expected: last.expected_after,
          matches: Math.abs(last.reported_count! - last.expected_after) <= tolerance,
          reportedAt: last.created_at.toISOString(),
          note: last.note,
        }
      : null,
    entries: entries.map(entryView),
  };
}

/**
 * Counts a dose taken in a session against the current prescription, in the caller's (the
 * dose's) transaction: a 'dose' entry of doseMg ÷ strength lozenges, once per session. Raises
 * a high 'medication_count' alert when the count goes below zero or will not cover the
 * sessions left in the plan at the current dose ("runs out early"). Null when the patient
 * has no active prescription on file.
 */
export async function recordDoseTaken(
  trx: Transaction<Database>,
  context: RequestContext,
  dose: { patientId: string; sessionId: string; doseMg: number },
): Promise<{ entryId: string; expectedAfter: number; alertId: string | null } | null> {
  const { patientId, sessionId, doseMg } = dose;
  await repo.lockCountLedger(trx, patientId);
  const already = await repo.findDoseEntryForSession(trx, patientId, sessionId);
  if (already) return { entryId: already.id, expectedAfter: already.expected_after, alertId: null };
  const prescription = await repo.findCurrentPrescription(trx, patientId);
  if (!prescription) return null;
  const taken = doseMg / prescription.strength_mg;
  const expectedAfter = (await repo.expectedOnHand(trx, patientId)) - taken;
  const entryId = uuidv7();
  await repo.insertCountEntry(trx, {
    id: entryId,
    patientId,
    prescriptionId: prescription.id,
    kind: 'dose',
    change: -taken,
    expectedAfter,
    sessionId,
    note: `${doseMg} mg = ${lozenges(taken)} × ${prescription.strength_mg} mg`,
    recordedBy: context.actor?.userId ?? null,
    now: context.now(),
  });

  const plan = await findOpenPlan(trx, patientId);
  const dosesSoFar = plan ? await repo.countDosesForPlan(trx, plan.id) : 0;
  const sessionsLeft = plan ? Math.max(0, plan.sessionsPlanned - dosesSoFar) : 0;
  const needed = plan ? (sessionsLeft * plan.doseMg) / prescription.strength_mg : 0;
  let reason: string | null = null;
  if (expectedAfter < -tolerance) {
    reason = `More lozenges have been taken than were received: the count is ${lozenges(-expectedAfter)} below zero after this ${doseMg} mg dose. Check the count with the patient.`;
  } else if (plan && expectedAfter + tolerance < needed) {
    reason = `The medication will run out before the course ends: ${lozenges(expectedAfter)} lozenges expected on hand, and the ${sessionsLeft} remaining session${sessionsLeft === 1 ? '' : 's'} at ${plan.doseMg} mg need ${lozenges(needed)}. Check the count with the patient and whether a new prescription is needed.`;
  }
  const alertId = reason
    ? await raiseAlert(trx, context, {
        patientId,
        kind: 'medication_count',
        severity: 'high',
        reason,
        sourceType: 'medication_supply',
        sourceId: prescription.id,
        details: {
          prescriptionId: prescription.id,
          sessionId,
          expectedOnHand: expectedAfter,
          sessionsLeft,
          neededForCourse: needed,
          doseMg: plan?.doseMg ?? doseMg,
        },
      })
    : null;
  return { entryId, expectedAfter, alertId };
}
