import { z } from 'zod';
import { calendarDate } from '../../platform/http-schemas.ts';

const CalendarDate = calendarDate();
/** USPS codes of the states, DC and the territories where a US licence can be issued. */
export const usStateCodes = new Set([
  ...['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY'],
  ...['LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND'],
  ...['OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'],
  ...['DC', 'PR', 'GU', 'VI', 'AS', 'MP'],
]);

export const UsState = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter state code such as CO')
  // A licence in a state that does not exist could never match a patient's state.
  .refine((code) => usStateCodes.has(code), 'is not a US state or territory code')
  .meta({ description: 'Two-letter US state or territory code' });
export const StaffRoleName = z.enum(['clinician', 'nurse', 'coach', 'admin']);

export const Licence = z
  .object({
    id: z.uuid(),
    state: z.string(),
    number: z.string(),
    expiresOn: z.iso.date(),
    active: z.boolean(),
  })
  .meta({ id: 'Licence' });

export const StaffMember = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: StaffRoleName,
    status: z.enum(['active', 'disabled']),
    credentials: z.string(),
    title: z.string(),
    deaNumber: z.string().nullable(),
    deaExpiresOn: z.iso.date().nullable(),
    mfaEnabled: z.boolean(),
    onIntakeTeam: z.boolean().meta({
      description:
        'On the intake team: receives the alerts and candidacy reviews of patients without a care team',
    }),
    licences: z.array(Licence),
  })
  .meta({ id: 'StaffMember' });
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = z.object({ items: z.array(StaffMember) }).meta({ id: 'StaffList' });

/** DEA registration: two letters and seven digits whose last is a checksum. */
export const DeaNumber = z
  .string()
  .regex(/^[A-Z][A-Z9]\d{7}$/, 'must be a DEA registration number such as AB1234563')
  .refine((value) => {
    const d = value.slice(2).split('').map(Number);
    const check = (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10;
    return check === d[6];
  }, 'has a wrong check digit');

export const UpdateStaffInput = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    credentials: z.string().trim().max(60).optional(),
    title: z.string().trim().max(120).optional(),
    deaNumber: DeaNumber.nullable().optional(),
    deaExpiresOn: CalendarDate.nullable().optional(),
  })
  .meta({ id: 'UpdateStaffInput' });

export const AddLicenceInput = z
  .object({ state: UsState, number: z.string().trim().min(1).max(40), expiresOn: CalendarDate })
  .meta({ id: 'AddLicenceInput' });

export const StaffParams = z.object({ userId: z.uuid({ error: 'must be an id' }) });
export const LicenceParams = StaffParams.extend({ licenceId: z.uuid({ error: 'must be an id' }) });

export const InviteStaffInput = z
  .object({
    email: z.email({ error: 'must be an email address' }).max(254),
    role: StaffRoleName,
    displayName: z.string().trim().min(1).max(120),
  })
  .meta({ id: 'InviteStaffInput' });

/** The invite link goes only to the invitee's email: the admin who sent it never sees it. */
export const CreatedInvite = z
  .object({ email: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'CreatedInvite' });

export const InviteParams = z.object({ token: z.string().min(10).max(200) });

export const InviteDetails = z
  .object({
    email: z.string(),
    role: StaffRoleName,
    displayName: z.string(),
    totpSecret: z.string(),
    otpauthUrl: z.string(),
    qrSvg: z.string(),
  })
  .meta({ id: 'InviteDetails' });

export const AcceptInviteInput = z
  .object({
    password: z.string().max(1024),
    totp: z.string().regex(/^\s*\d{6}\s*$/, 'must be the 6-digit code'),
  })
  .meta({ id: 'AcceptInviteInput' });
