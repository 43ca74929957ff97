/** Staff administration (accounts, licences, the intake team, invites) and accepting an invite. */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import { LoginResult, RecoveryCodes } from '../identity/schema.ts';
import {
  AcceptInviteInput,
  AddLicenceInput,
  CreatedInvite,
  InviteDetails,
  InviteParams,
  InviteStaffInput,
  Licence,
  LicenceParams,
  StaffList,
  StaffMember,
  StaffParams,
  UpdateStaffInput,
} from './schema.ts';

const admins = { roles: ['admin'] } as const;
const member = { params: StaffParams, responses: { 200: StaffMember } } as const;

export const staffContract = defineContract('staff', {
  listStaff: {
    method: 'GET',
    path: '/api/staff',
    summary: 'All staff with licences',
    access: admins,
    responses: { 200: StaffList },
  },
  updateStaff: {
    method: 'PATCH',
    path: '/api/staff/:userId',
    summary: 'Edit name, credentials, title or DEA registration',
    access: admins,
    ...member,
    body: UpdateStaffInput,
  },
  addLicence: {
    method: 'POST',
    path: '/api/staff/:userId/licences',
    summary: 'Add a state licence',
    access: admins,
    params: StaffParams,
    body: AddLicenceInput,
    responses: { 201: Licence },
  },
  removeLicence: {
    method: 'DELETE',
    path: '/api/staff/:userId/licences/:licenceId',
    summary: 'Remove a state licence',
    access: admins,
    params: LicenceParams,
    responses: { 204: z.null() },
  },
  disableStaff: {
    method: 'POST',
    path: '/api/staff/:userId/disable',
    summary: 'Disable an account: its sessions end and its tokens are revoked at once',
    access: admins,
    ...member,
  },
  enableStaff: {
    method: 'POST',
    path: '/api/staff/:userId/enable',
    summary: 'Enable a disabled account',
    access: admins,
    ...member,
  },
  addToIntakeTeam: {
    method: 'PUT',
    path: '/api/staff/:userId/intake-team',
    summary:
      'Name a clinician or nurse to the intake team (alerts and reviews of patients without a care team)',
    access: admins,
    ...member,
  },
  removeFromIntakeTeam: {
    method: 'DELETE',
    path: '/api/staff/:userId/intake-team',
    summary: 'Take a staff member off the intake team',
    access: admins,
    ...member,
  },
  inviteStaff: {
    method: 'POST',
    path: '/api/staff/invites',
    summary: 'Invite a staff member by a single-use link (emailed through the outbox)',
    access: admins,
    body: InviteStaffInput,
    responses: { 201: CreatedInvite },
  },
  describeInvite: {
    method: 'GET',
    path: '/api/invites/:token',
    summary: 'An invitation: who it is for and the authenticator secret to enrol',
    access: { public: true },
    params: InviteParams,
    responses: { 200: InviteDetails },
  },
  acceptInvite: {
    method: 'POST',
    path: '/api/invites/:token/accept',
    summary: 'Accept an invitation: set a password, prove the authenticator, sign in',
    access: { public: true },
    params: InviteParams,
    body: AcceptInviteInput,
    responses: { 200: LoginResult.extend(RecoveryCodes.shape) },
  },
});
