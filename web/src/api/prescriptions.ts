/** Schedule III prescriptions, their printed copy, and the medication count (lozenges on hand). */
import type { z } from 'zod';
import type {
  MedicationCountEntry as MedicationCountEntrySchema,
  MedicationCount as MedicationCountSchema,
  PrescriptionInput as PrescriptionInputSchema,
  PrescriptionList,
  Prescription as PrescriptionSchema,
} from '../../../server/modules/prescriptions/schema.ts';
import { api } from './client';

export type Prescription = z.infer<typeof PrescriptionSchema>;
export type PrescriptionInput = z.input<typeof PrescriptionInputSchema>;
export type MedicationCount = z.infer<typeof MedicationCountSchema>;
export type MedicationCountEntry = z.infer<typeof MedicationCountEntrySchema>;

const patientPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}`;

export const prescriptionsApi = {
  list: (patientId: string) =>
    api.get<z.infer<typeof PrescriptionList>>(`${patientPath(patientId)}/prescriptions`),
  get: (patientId: string, prescriptionId: string) =>
    api.get<Prescription>(`${patientPath(patientId)}/prescriptions/${encodeURIComponent(prescriptionId)}`),
  /** Signs it: 422 `unprocessable` says which check failed (DEA registration, state licence, plan). */
  create: (patientId: string, input: PrescriptionInput) =>
    api.post<Prescription>(`${patientPath(patientId)}/prescriptions`, input),
  medicationCount: (patientId: string) =>
    api.get<MedicationCount>(`${patientPath(patientId)}/medication-count`),
};
