/**
 * The patient routes: the caseload, the people a support person supports, a patient's profile,
 * journey and care team, and break-glass access (its review is listed under admin).
 */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import {
  AssignCareTeamInput,
  BreakGlassGrant,
  BreakGlassInput,
  BreakGlassParams,
  BreakGlassReviewInput,
  BreakGlassReviewList,
  CareTeam,
  CareTeamMemberParams,
  Journey,
  PatientList,
  PatientListQuery,
  PatientParams,
  PatientProfile,
  SupportedPerson,
} from './schema.ts';

const careTeamManagers = { patient: 'patient.care_team.manage', roles: ['admin'] } as const;

const patientRecords = defineContract('patients', {
  listMyPatients: {
    method: 'GET',
    path: '/api/patients',
    summary: 'My caseload: search, sort by name, latest PHQ-9 or risk, a page at a time',
    access: { roles: ['clinician', 'nurse', 'coach'] },
    query: PatientListQuery,
    responses: { 200: PatientList },
  },
  listSupportedPeople: {
    method: 'GET',
    path: '/api/support/patients',
    summary: 'The people I support (support person accounts)',
    access: { roles: ['support'] },
    responses: { 200: z.object({ items: z.array(SupportedPerson) }) },
  },
  getProfile: {
    method: 'GET',
    path: '/api/patients/:patientId',
    summary: "A patient's profile",
    access: { patient: 'patient.profile.read' },
    params: PatientParams,
    responses: { 200: PatientProfile },
  },
  getJourney: {
    method: 'GET',
    path: '/api/patients/:patientId/journey',
    summary: 'Where the patient is on the journey and the next step, in plain words',
    access: { patient: 'patient.profile.read' },
    params: PatientParams,
    responses: { 200: Journey },
  },
  getCareTeam: {
    method: 'GET',
    path: '/api/patients/:patientId/care-team',
    summary: "The patient's care team with credentials and licences",
    access: { patient: 'patient.care_team.read' },
    params: PatientParams,
    responses: { 200: CareTeam },
  },
  assignCareTeamMember: {
    method: 'POST',
    path: '/api/patients/:patientId/care-team',
    summary: 'Assign a staff member to the care team',
    access: careTeamManagers,
    params: PatientParams,
    body: AssignCareTeamInput,
    responses: { 204: z.null() },
  },
  removeCareTeamMember: {
    method: 'DELETE',
    path: '/api/patients/:patientId/care-team/:staffUserId',
    summary: 'Remove a staff member from the care team',
    access: careTeamManagers,
    params: CareTeamMemberParams,
    responses: { 204: z.null() },
  },
  openBreakGlass: {
    method: 'POST',
    path: '/api/patients/:patientId/break-glass',
    summary:
      'Emergency access to a chart outside my care team, for 60 minutes, with a reason an admin reviews',
    access: { roles: ['clinician', 'admin'] },
    params: PatientParams,
    body: BreakGlassInput,
    responses: { 201: BreakGlassGrant },
  },
});

const breakGlassReview = defineContract('admin', {
  listBreakGlass: {
    method: 'GET',
    path: '/api/admin/break-glass',
    summary: 'Break-glass accesses, unreviewed first',
    access: { roles: ['admin'] },
    responses: { 200: BreakGlassReviewList },
  },
  reviewBreakGlass: {
    method: 'POST',
    path: '/api/admin/break-glass/:id/review',
    summary: 'Mark a break-glass access reviewed, with a note',
    access: { roles: ['admin'] },
    params: BreakGlassParams,
    body: BreakGlassReviewInput,
    responses: { 204: z.null() },
  },
});

/** One module, two OpenAPI tags: each route keeps the tag it is listed under. */
export const patientContract = { ...patientRecords, ...breakGlassReview };
