import type { MedicationRequest } from '@medplum/fhirtypes';
import * as repo from '../repo.ts';
import { compact, patientRef, practitionerRef, type ResourceDefinition, source } from './types.ts';

/** A prescription for a Schedule III drug, with its prescriber, licence, DEA number and basis. */
export function toMedicationRequest(row: repo.PrescriptionRow): MedicationRequest {
  return compact<MedicationRequest>({
    resourceType: 'MedicationRequest',
    id: row.id,
    identifier: [{ system: 'urn:stillwater:prescription', value: row.id }],
    status: row.status === 'active' ? 'active' : 'cancelled',
    intent: 'order',
    medicationCodeableConcept: { text: `${row.drug} ${row.strength_mg} mg ${row.form}` },
    subject: patientRef(row.patient_id),
    authoredOn: row.written_on,
    requester: practitionerRef(row.prescriber_id, row.prescriber_name),
    basedOn: [{ reference: `CarePlan/${row.plan_id}` }],
    dosageInstruction: [{ text: row.directions, route: { text: row.route } }],
    dispenseRequest: {
      quantity: { value: row.quantity, unit: 'lozenge' },
      numberOfRepeatsAllowed: row.refills,
    },
    note: [
      { text: `Basis: ${row.basis}` },
      {
        text: `Prescriber licence ${row.licence_state} ${row.licence_number}; DEA ${row.dea_number}. Pharmacy: ${row.pharmacy_name}, ${row.pharmacy_address}${row.pharmacy_phone ? `, ${row.pharmacy_phone}` : ''}.`,
      },
    ],
  });
}

export const medicationRequestDefinition: ResourceDefinition = {
  type: 'MedicationRequest',
  documentation: 'Prescriptions (Schedule III), each based on a treatment plan (CarePlan).',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose prescriptions' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose prescriptions' },
    { name: 'authoredon', type: 'date', documentation: 'When it was recorded (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'authoredon',
  sources: [
    source<repo.PrescriptionRow>({
      access: { patient: 'patient.treatment.read' },
      prefix: '',
      list: (db, w) => repo.listPrescriptions(db, w),
      count: (db, w) => repo.countPrescriptions(db, w),
      toResources: async (_db, rows) => rows.map(toMedicationRequest),
    }),
  ],
};
