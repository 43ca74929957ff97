import type { MedicationAdministration } from '@medplum/fhirtypes';
import { systems } from '../constants.ts';
import * as repo from '../repo.ts';
import { compact, patientRef, type ResourceDefinition, source } from './types.ts';

/** A dose taken at home in a supervised session. */
export function toMedicationAdministration(row: repo.DoseRow): MedicationAdministration {
  return compact<MedicationAdministration>({
    resourceType: 'MedicationAdministration',
    id: row.id,
    status: 'completed',
    medicationCodeableConcept: { text: 'ketamine' },
    subject: patientRef(row.patient_id),
    effectiveDateTime: row.dosed_at!.toISOString(),
    request: row.prescription_id ? { reference: `MedicationRequest/${row.prescription_id}` } : undefined,
    supportingInformation: [{ reference: `CarePlan/${row.plan_id}` }],
    note: [{ text: `Session ${row.number} of ${row.sessions_planned}` }],
    dosage: {
      route: { text: row.route },
      dose: { value: row.dose_mg!, unit: 'mg', system: systems.ucum, code: 'mg' },
    },
  });
}

export const medicationAdministrationDefinition: ResourceDefinition = {
  type: 'MedicationAdministration',
  documentation: 'Doses taken in at-home sessions, with the dose, route and the prescription they came from.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose doses' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose doses' },
    { name: 'effective-time', type: 'date', documentation: 'When the dose was taken (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'effective-time',
  sources: [
    source<repo.DoseRow>({
      access: { patient: 'patient.treatment.read' },
      prefix: '',
      list: (db, w) => repo.listDoses(db, w),
      count: (db, w) => repo.countDoses(db, w),
      toResources: async (_db, rows) => rows.map(toMedicationAdministration),
    }),
  ],
};
