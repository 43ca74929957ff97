import { z } from 'zod';
import { calendarDate, phoneNumber } from '../../platform/http-schemas.ts';
import { PatientParams } from '../patients/schema.ts';
import { Milligrams } from '../protocols/schema.ts';

const CalendarDate = calendarDate();
const Phone = phoneNumber();

/** The drug every Stillwater prescription is for. */
export const prescribedDrug = 'Ketamine HCl';

export const PrescriptionInput = z
  .object({
    form: z
      .string()
      .trim()
      .min(3, 'must name the dosage form, e.g. sublingual lozenge (troche)')
      .max(120)
      .meta({ example: 'sublingual lozenge (troche)' }),
    strengthMg: Milligrams.meta({ description: 'Strength of one lozenge' }),
    quantity: z
      .number({ error: 'must be a number of lozenges' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500'),
    directions: z.string().trim().min(10, 'must say how to take it').max(2000),
    // 21 CFR 1306.22: a Schedule III–IV prescription may be refilled at most five times.
    refills: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(5, 'must be at most 5 (21 CFR 1306.22)')
      .default(0),
    pharmacy: z.object({
      name: z.string().trim().min(2, 'must name the pharmacy').max(200),
      address: z.string().trim().min(5, 'must give the pharmacy address').max(500),
      phone: Phone.optional(),
    }),
    basis: z
      .string()
      .trim()
      .min(10, 'must say on what basis it is prescribed')
      .max(500)
      .meta({ example: 'Telemedicine (audio-video), DEA telemedicine flexibilities through 31 Dec 2026' }),
    writtenOn: CalendarDate.optional().meta({ description: "Today in the clinic's time zone if left out" }),
  })
  .meta({ id: 'NewPrescription' });
export type PrescriptionInput = z.infer<typeof PrescriptionInput>;

/** A prescription as printed: everything a pharmacist needs, with the prescriber as they were at signing. */
export const Prescription = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    planId: z.uuid(),
    schedule: z.literal('III').meta({ description: 'DEA controlled-substance schedule' }),
    drug: z.string(),
    form: z.string(),
    strengthMg: z.number(),
    quantity: z.number().int(),
    quantityInWords: z.string().meta({ description: 'The quantity written out, as on a paper prescription' }),
    directions: z.string(),
    refills: z.number().int(),
    patient: z.object({
      name: z.string(),
      dateOfBirth: z.iso.date().nullable(),
      stateOfResidence: z.string().nullable(),
    }),
    prescriber: z.object({
      userId: z.uuid(),
      name: z.string(),
      deaNumber: z.string(),
      licenceState: z.string(),
      licenceNumber: z.string(),
    }),
    pharmacy: z.object({ name: z.string(), address: z.string(), phone: z.string().nullable() }),
    writtenOn: z.iso.date(),
    basis: z.string(),
    status: z.enum(['active', 'cancelled']),
    receivedAt: z.iso.datetime().nullable(),
    receivedQuantity: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Prescription' });
export type Prescription = z.infer<typeof Prescription>;

export const PrescriptionList = z.object({ items: z.array(Prescription) }).meta({ id: 'PrescriptionList' });
export const PrescriptionParams = PatientParams.extend({
  id: z.uuid({ error: 'must be a prescription id' }),
});

export const ReceiptInput = z
  .object({
    quantityReceived: z
      .number({ error: 'must be the number of lozenges you received' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(10000),
  })
  .meta({ id: 'PrescriptionReceiptInput' });

export const MedicationCountInput = z
  .object({
    count: z
      .number({ error: 'must be the number of lozenges you have' })
      .min(0, 'must be 0 or more')
      .max(10000)
      .multipleOf(0.5, 'must be whole or half lozenges'),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'MedicationCountReport' });

export const MedicationCountEntry = z
  .object({
    id: z.uuid(),
    prescriptionId: z.uuid(),
    kind: z.enum(['received', 'dose', 'reported', 'correction']),
    change: z.number().meta({ description: 'Lozenges added (+) or taken (−)' }),
    expectedAfter: z.number().meta({ description: 'Lozenges the record expects on hand afterwards' }),
    reportedCount: z.number().nullable(),
    sessionId: z.uuid().nullable(),
    note: z.string().nullable(),
    recordedByName: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'MedicationCountEntry' });

export const CountCheck = z
  .object({
    matches: z.boolean(),
    expected: z.number(),
    message: z.string().meta({ description: 'What happens next, in words for the patient' }),
  })
  .meta({ id: 'MedicationCountCheck' });

export const ReceiptResult = z
  .object({ prescription: Prescription, check: CountCheck })
  .meta({ id: 'PrescriptionReceiptResult' });

export const MedicationCountResult = z
  .object({ entry: MedicationCountEntry, check: CountCheck })
  .meta({ id: 'MedicationCountResult' });

export const MedicationCount = z
  .object({
    unit: z.literal('lozenges'),
    expected: z.number().meta({ description: 'Lozenges the record expects on hand now' }),
    lastReported: z
      .object({
        count: z.number(),
        expected: z.number(),
        matches: z.boolean(),
        reportedAt: z.iso.datetime(),
        note: z.string().nullable(),
      })
      .nullable(),
    entries: z.array(MedicationCountEntry).meta({ description: 'Newest first (at most 200)' }),
  })
  .meta({ id: 'MedicationCount' });
