import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/app-deps.ts';
import { ErrorResponse } from '../../platform/http-schemas.ts';
import { requestContext } from '../../platform/request-context.ts';
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
import {
  confirmReceipt,
  createPrescription,
  getMedicationCount,
  getPatientPrescription,
  listPatientPrescriptions,
  reportMedicationCount,
} from './service.ts';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};
const tags = ['prescriptions'];
const readers = { access: { patient: 'patient.treatment.read' } } as const;

export const prescriptionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const ctx = (request: Parameters<typeof requestContext>[0]) => requestContext(request, deps.now);

  app.post(
    '/api/patients/:patientId/prescriptions',
    {
      config: { access: { patient: 'patient.treatment.prescribe', roles: ['clinician'] } },
      schema: {
        tags,
        summary:
          'Sign a Schedule III prescription (checks the DEA registration and a licence in the patient’s state on the date written)',
        params: PatientParams,
        body: PrescriptionInput,
        response: { 201: Prescription, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPrescription(deps, ctx(request), request.params.patientId, request.body)),
  );

  app.get(
    '/api/patients/:patientId/prescriptions',
    {
      config: readers,
      schema: {
        tags,
        summary: "The patient's prescriptions, newest first",
        params: PatientParams,
        response: { 200: PrescriptionList, ...errors },
      },
    },
    async (request) => ({
      items: await listPatientPrescriptions(deps, ctx(request), request.params.patientId),
    }),
  );

  app.get(
    '/api/patients/:patientId/prescriptions/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One prescription, with everything its printed copy shows',
        params: PrescriptionParams,
        response: { 200: Prescription, ...errors },
      },
    },
    async (request) =>
      getPatientPrescription(deps, ctx(request), request.params.patientId, request.params.id),
  );

  app.post(
    '/api/patients/:patientId/prescriptions/:id/receipt',
    {
      config: { access: { patient: 'patient.session_day.write', roles: ['patient'] } },
      schema: {
        tags,
        summary:
          'The patient confirms how many lozenges they received (a different number alerts the care team)',
        params: PrescriptionParams,
        body: ReceiptInput,
        response: { 200: ReceiptResult, ...errors },
      },
    },
    async (request) =>
      confirmReceipt(
        deps,
        ctx(request),
        request.params.patientId,
        request.params.id,
        request.body.quantityReceived,
      ),
  );

  app.get(
    '/api/patients/:patientId/medication-count',
    {
      config: readers,
      schema: {
        tags,
        summary: 'The medication count: lozenges expected on hand, the last count reported, and the ledger',
        params: PatientParams,
        response: { 200: MedicationCount, ...errors },
      },
    },
    async (request) => getMedicationCount(deps, ctx(request), request.params.patientId),
  );

  app.post(
    '/api/patients/:patientId/medication-count',
    {
      config: {
        access: { patient: 'patient.session_day.write', roles: ['patient', 'nurse', 'clinician'] },
      },
      schema: {
        tags,
        summary:
          'Report the lozenges on hand (the patient, or staff watching on video); a count that does not add up alerts the care team',
        params: PatientParams,
        body: MedicationCountInput,
        response: { 201: MedicationCountResult, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await reportMedicationCount(deps, ctx(request), request.params.patientId, request.body)),
  );
};
