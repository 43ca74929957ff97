/** The prescription routes: signing one, the patient's prescriptions, one prescription, the receipt, the medication count. */
import { defineContract } from '../../platform/contract.ts';
import { PatientParams } from '../patients/schema.ts';
import {
  MedicationCount,
  MedicationCountInput,
  MedicationCountResult,
  Prescription,
  PrescriptionInput,
  PrescriptionList,
  PrescriptionParams,
  ReceiptInput,
  ReceiptResult,
} from './schema.ts';

const readers = { patient: 'patient.treatment.read' } as const;

export const prescriptionContract = defineContract('prescriptions', {
  createPrescription: {
    method: 'POST',
    path: '/api/patients/:patientId/prescriptions',
    summary:
      'Sign a Schedule III prescription (checks the DEA registration and a licence in the patient’s state on the date written)',
    access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] },
    params: PatientParams,
    body: PrescriptionInput,
    responses: { 201: Prescription },
  },
  listPrescriptions: {
    method: 'GET',
    path: '/api/patients/:patientId/prescriptions',
    summary: "The patient's prescriptions, newest first",
    access: readers,
    params: PatientParams,
    responses: { 200: PrescriptionList },
  },
  getPrescription: {
    method: 'GET',
    path: '/api/patients/:patientId/prescriptions/:id',
    summary: 'One prescription, with everything its printed copy shows',
    access: readers,
    params: PrescriptionParams,
    responses: { 200: Prescription },
  },
  confirmReceipt: {
    method: 'POST',
    path: '/api/patients/:patientId/prescriptions/:id/receipt',
    summary: 'The patient confirms how many lozenges they received (a different number alerts the care team)',
    access: { patient: 'patient.session_day.write', roles: ['patient'] },
    params: PrescriptionParams,
    body: ReceiptInput,
    responses: { 200: ReceiptResult },
  },
  getMedicationCount: {
    method: 'GET',
    path: '/api/patients/:patientId/medication-count',
    summary: 'The medication count: lozenges expected on hand, the last count reported, and the ledger',
    access: readers,
    params: PatientParams,
    responses: { 200: MedicationCount },
  },
  reportMedicationCount: {
    method: 'POST',
    path: '/api/patients/:patientId/medication-count',
    summary:
      'Report the lozenges on hand (the patient, or staff watching on video); a count that does not add up alerts the care team',
    access: { patient: 'patient.session_day.write', roles: ['patient', 'nurse', 'clinician'] },
    params: PatientParams,
    body: MedicationCountInput,
    responses: { 201: MedicationCountResult },
  },
});
