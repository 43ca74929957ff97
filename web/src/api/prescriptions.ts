/** Schedule III prescriptions, their printed copy, and the medication count (lozenges on hand). */
import type { z } from 'zod';
import { prescriptionContract } from '../../../server/modules/prescriptions/contract.ts';
import type * as schema from '../../../server/modules/prescriptions/schema.ts';
import { call } from './call';

export type Prescription = z.infer<typeof schema.Prescription>;
export type PrescriptionInput = z.input<typeof schema.PrescriptionInput>;
export type MedicationCount = z.infer<typeof schema.MedicationCount>;
export type MedicationCountEntry = z.infer<typeof schema.MedicationCountEntry>;

const prescriptions = prescriptionContract;

export const prescriptionsApi = {
  list: (patientId: string) => call(prescriptions.listPrescriptions, { params: { patientId } }),
  get: (patientId: string, prescriptionId: string) =>
    call(prescriptions.getPrescription, { params: { patientId, id: prescriptionId } }),
  /** Signs it: 422 `unprocessable` says which check failed (DEA registration, state licence, plan). */
  create: (patientId: string, input: PrescriptionInput) =>
    call(prescriptions.createPrescription, { params: { patientId }, body: input }),
  medicationCount: (patientId: string) => call(prescriptions.getMedicationCount, { params: { patientId } }),
};
