/** Schedule III prescriptions, their printed copy, and the medication count (lozenges on hand). */
import type { z } from 'zod';
import { prescriptionContract } from '../../../server/modules/prescriptions/contract.ts';
import type {
  MedicationCountEntry as MedicationCountEntrySchema,
  MedicationCount as MedicationCountSchema,
  PrescriptionInput as PrescriptionInputSchema,
  Prescription as PrescriptionSchema,
} from '../../../server/modules/prescriptions/schema.ts';
import { call } from './call';

export type Prescription = z.infer<typeof PrescriptionSchema>;
export type PrescriptionInput = z.input<typeof PrescriptionInputSchema>;
export type MedicationCount = z.infer<typeof MedicationCountSchema>;
export type MedicationCountEntry = z.infer<typeof MedicationCountEntrySchema>;

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
