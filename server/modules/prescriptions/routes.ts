import { contractRoutes } from '../../platform/contract-routes.ts';
import { prescriptionContract } from './contract.ts';
import {
  confirmReceipt,
  createPrescription,
  getMedicationCount,
  getPatientPrescription,
  listPatientPrescriptions,
  reportMedicationCount,
} from './service.ts';

export const prescriptionRoutes = contractRoutes(prescriptionContract, (deps) => ({
  createPrescription: ({ params, body }, ctx) => createPrescription(deps, ctx, params.patientId, body),
  listPrescriptions: async ({ params }, ctx) => ({
    items: await listPatientPrescriptions(deps, ctx, params.patientId),
  }),
  getPrescription: ({ params }, ctx) => getPatientPrescription(deps, ctx, params.patientId, params.id),
  confirmReceipt: ({ params, body }, ctx) =>
    confirmReceipt(deps, ctx, params.patientId, params.id, body.quantityReceived),
  getMedicationCount: ({ params }, ctx) => getMedicationCount(deps, ctx, params.patientId),
  reportMedicationCount: ({ params, body }, ctx) => reportMedicationCount(deps, ctx, params.patientId, body),
}));
