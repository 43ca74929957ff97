import { z } from 'zod';

const Email = z.email({ error: 'must be an email address' }).max(254);
const Password = z.string().min(1, 'is required').max(1024);
const Totp = z.string().regex(/^\s*\d{6}\s*$/, 'must be the 6-digit code');
const Timestamp = z.iso.datetime();

export const RoleName = z.enum(['patient', 'support', 'clinician', 'nurse', 'coach', 'admin']);

export const LoginInput = z
  .object({
    email: Email,
    password: Password,
    totp: Totp.optional(),
    recoveryCode: z.string().min(8).max(32).optional(),
  })
  .meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: RoleName,
    patientId: z.uuid().nullable(),
    mfaEnabled: z.boolean(),
    session: z
      .object({
        idleTimeoutSeconds: z.number().int(),
        expiresAt: Timestamp,
        lastSeenAt: Timestamp,
      })
      .nullable()
      .meta({ description: 'The cookie session, or null when calling with an access token' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({ user: Me }).meta({ id: 'LoginResult' });

export const ReauthInput = z
  .object({ password: Password, totp: Totp.optional() })
  .meta({ id: 'ReauthInput' });

export const ChangePasswordInput = z
  .object({ currentPassword: Password, newPassword: z.string().max(1024) })
  .meta({ id: 'ChangePasswordInput' });

export const PasswordResetRequestInput = z.object({ email: Email }).meta({ id: 'PasswordResetRequestInput' });
export const PasswordResetCompleteInput = z
  .object({ token: z.string().min(10).max(200), newPassword: z.string().max(1024) })
  .meta({ id: 'PasswordResetCompleteInput' });

export const TotpEnrolment = z
  .object({
    secret: z.string().meta({ description: 'Base32 secret, for typing into an authenticator app' }),
    otpauthUrl: z.string(),
    qrSvg: z.string().meta({ description: 'The otpauth URL as an SVG QR code' }),
  })
  .meta({ id: 'TotpEnrolment' });

export const TotpConfirmInput = z.object({ code: Totp }).meta({ id: 'TotpConfirmInput' });
export const RecoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()).meta({ description: 'Shown once; each works once' }) })
  .meta({ id: 'RecoveryCodes' });

export const EmailChangeRequestInput = z.object({ newEmail: Email }).meta({ id: 'EmailChangeRequestInput' });
export const EmailChangeStatus = z
  .object({
    pending: z
      .object({
        newEmail: z.string().meta({ description: 'The address the confirm link was sent to' }),
        expiresAt: Timestamp,
      })
      .nullable()
      .meta({
        description: 'A change waiting to be confirmed from the new inbox; the old email signs in until then',
      }),
  })
  .meta({ id: 'EmailChangeStatus' });
export type EmailChangeStatus = z.infer<typeof EmailChangeStatus>;
export const EmailLinkInput = z.object({ token: z.string().min(10).max(200) }).meta({ id: 'EmailLinkInput' });

export const SessionInfo = z
  .object({
    id: z.uuid(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });
export const SessionList = z.object({ items: z.array(SessionInfo) }).meta({ id: 'SessionList' });

export const maxAccessTokenDays = 365;
export const AccessTokenScopeName = z.enum(['full', 'read']).meta({
  description:
    "full: the owner's access; read: GET and HEAD only (anything else answers 403 token_read_only)",
});

export const CreateAccessTokenInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    expiresInDays: z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(maxAccessTokenDays, 'must be at most 365 days: tokens expire within a year')
      .default(90)
      .meta({ description: 'Days until the token stops working: 1 to 365, default 90' }),
    scope: AccessTokenScopeName.default('full'),
  })
  .meta({ id: 'CreateAccessTokenInput' });

export const AccessTokenInfo = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scope: AccessTokenScopeName,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'AccessTokenInfo' });
export const AccessTokenList = z.object({ items: z.array(AccessTokenInfo) }).meta({ id: 'AccessTokenList' });
export const CreatedAccessToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scope: AccessTokenScopeName,
    token: z.string().meta({ description: 'Shown once: send as Authorization: Bearer <token>' }),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'CreatedAccessToken' });

export const IdParam = z.object({ id: z.uuid({ error: 'must be an id' }) });
export const Empty = z.object({}).meta({ id: 'Empty' });
