import { uuidv7 } from 'uuidv7';
import { requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../identity/authentication.ts';
import { findUsableLink, issueOneTimeLink } from '../identity/one-time-links.ts';
import { assertPasswordAcceptable } from '../identity/password-policy.ts';
import { hashPassword } from '../identity/passwords.ts';
import * as identityRepo from '../identity/repo.ts';
import { type SignInResult, startSession } from '../identity/sign-in.ts';
import { matchTotpStep, newTotpSecret, totpEnrolment } from '../identity/totp.ts';
import { queueEmail } from '../outbox/service.ts';
import * as repo from './repo.ts';
import type { StaffMember } from './schema.ts';

const inviteValidMs = 7 * 86_400_000;

/** A calendar date (YYYY-MM-DD) as of `now` in UTC; a licence is active through its expiry date. */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function loadStaff(deps: AppDeps, now: Date, userId?: string): Promise<StaffMember[]> {
  const db = deps.database.db;
  const users = await repo.listStaffUsers(db, userId);
  const licences = await repo.listLicences(
    db,
    users.map((u) => u.id),
  );
  const intakeTeam = await repo.listIntakeTeamIds(db);
  const today = isoDate(now);
  return users.map((user) => ({
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role as StaffMember['role'],
    status: user.status,
    credentials: user.credentials ?? '',
    title: user.title ?? '',
    deaNumber: user.dea_number ?? null,
    deaExpiresOn: user.dea_expires_on ?? null,
    mfaEnabled: user.totp_secret !== null,
    onIntakeTeam: intakeTeam.has(user.id),
    licences: licences
      .filter((l) => l.user_id === user.id)
      .map((l) => ({
        id: l.id,
        state: l.state,
        number: l.number,
        expiresOn: l.expires_on,
        active: l.expires_on >= today,
      })),
  }));
}

async function loadOneStaff(deps: AppDeps, context: RequestContext, userId: string): Promise<StaffMember> {
  const [member] = await loadStaff(deps, context.now(), userId);
  if (!member) throw new AppError('not_found', 'No such staff member.');
  return member;
}

export async function listStaff(deps: AppDeps, context: RequestContext): Promise<StaffMember[]> {
  requireRole(context, ['admin']);
  return loadStaff(deps, context.now());
}

export async function updateStaff(
  deps: AppDeps,
  context: RequestContext,
  userId: string,
  input: {
    displayName?: string | undefined;
    credentials?: string | undefined;
    title?: string | undefined;
    deaNumber?: string | null | undefined;
    deaExpiresOn?: string | null | undefined;
  },
): Promise<StaffMember> {
  requireRole(context, ['admin']);
  await loadOneStaff(deps, context, userId); // 404 for no such staff member
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    if (input.displayName !== undefined) await repo.updateDisplayName(trx, userId, input.displayName, now);
    const profile = {
      ...(input.credentials !== undefined ? { credentials: input.credentials } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.deaNumber !== undefined ? { dea_number: input.deaNumber } : {}),
      ...(input.deaExpiresOn !== undefined ? { dea_expires_on: input.deaExpiresOn } : {}),
    };
    if (Object.keys(profile).length > 0) await repo.upsertStaffProfile(trx, userId, profile, now);
    await appendAudit(trx, context, {
      action: 'U',
      subtype: 'staff.update',
      entityType: 'User',
      entityId: userId,
      // Which fields changed, not their values (names, a DEA number).
      details: { fields: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined) },
    });
  });
  return loadOneStaff(deps, context, userId);
}

export async function addLicence(
  deps: AppDeps,
  context: RequestContext,
  userId: string,
  input: { state: string; number: string; expiresOn: string },
) {
  requireRole(context, ['admin']);
  await loadOneStaff(deps, context, userId);
  const id = uuidv7();
  await deps.database.db.transaction().execute(async (trx) => {
    // The unique key decides, so two identical requests at once cannot both pass a check.
    if (!(await repo.insertLicence(trx, { id, userId, ...input }))) {
      throw new AppError(
        'conflict',
        `This staff member already has licence ${input.number} in ${input.state}.`,
      );
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'staff.licence.add',
      entityType: 'StaffLicence',
      entityId: id,
      details: { userId },
    });
  });
  return { id, ...input, active: input.expiresOn >= isoDate(context.now()) };
}

export async function removeLicence(
  deps: AppDeps,
  context: RequestContext,
  userId: string,
  licenceId: string,
) {
  requireRole(context, ['admin']);
  await deps.database.db.transaction().execute(async (trx) => {
    if ((await repo.deleteLicence(trx, userId, licenceId)) === 0) {
      throw new AppError('not_found', 'No such licence.');
    }
    await appendAudit(trx, context, {
      action: 'D',
      subtype: 'staff.licence.remove',
      entityType: 'StaffLicence',
      entityId: licenceId,
      details: { userId },
    });
  });
}

/**
 * Names a clinician or nurse to the intake team, or takes them off it. The intake team receives
 * the alerts and candidacy reviews of patients nobody cares for yet, until one of them takes the
 * patient on.
 */
export async function setIntakeTeamMembership(
  deps: AppDeps,
  context: RequestContext,
  userId: string,
  member: boolean,
): Promise<StaffMember> {
  const actor = requireRole(context, ['admin']);
  const staff = await loadOneStaff(deps, context, userId);
  if (member && !(repo.intakeTeamRoles as readonly string[]).includes(staff.role)) {
    throw new AppError('unprocessable', 'Only clinicians and nurses serve on the intake team.');
  }
  if (member && staff.status !== 'active') {
    throw new AppError('unprocessable', 'Enable this account before naming it to the intake team.');
  }
  await deps.database.db.transaction().execute(async (trx) => {
    const changed = member
      ? await repo.insertIntakeTeamMember(trx, {
          staffUserId: userId,
          addedBy: actor.userId,
          now: context.now(),
        })
      : await repo.deleteIntakeTeamMember(trx, userId);
    if (!changed) {
      throw member
        ? new AppError('conflict', 'This staff member is already on the intake team.')
        : new AppError('not_found', 'This staff member is not on the intake team.');
    }
    await appendAudit(trx, context, {
      subtype: member ? 'staff.intake_team.add' : 'staff.intake_team.remove',
      entityType: 'User',
      entityId: userId,
      details: { role: staff.role },
    });
  });
  return loadOneStaff(deps, context, userId);
}

/** Disabling ends the account's sessions and revokes its tokens at once, on the server. */
export async function setStaffStatus(
  deps: AppDeps,
  context: RequestContext,
  userId: string,
  status: 'active' | 'disabled',
): Promise<StaffMember> {
  const actor = requireRole(context, ['admin']);
  await loadOneStaff(deps, context, userId);
  if (status === 'disabled' && userId === actor.userId) {
    throw new AppError('conflict', 'You cannot disable your own account.');
  }
  const now = context.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await repo.setUserStatus(trx, userId, status, now);
    let ended = 0;
    let revoked = 0;
    let emailChangeCancelled = false;
    if (status === 'disabled') {
      ended = await identityRepo.endSessions(trx, { userId }, 'account_disabled', now);
      revoked = await identityRepo.revokeAccessTokens(trx, { userId }, now);
      emailChangeCancelled = await identityRepo.voidPendingEmailChange(trx, userId, now);
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: status === 'disabled' ? 'staff.disable' : 'staff.enable',
      entityType: 'User',
      entityId: userId,
      details: { sessionsEnded: ended, tokensRevoked: revoked, emailChangeCancelled },
    });
  });
  return loadOneStaff(deps, context, userId);
}

export async function inviteStaff(
  deps: AppDeps,
  context: RequestContext,
  input: { email: string; role: StaffMember['role']; displayName: string },
) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  if (await identityRepo.findUserByEmail(db, input.email)) {
    throw new AppError('email_taken', 'An account with that email already exists.');
  }
  const now = context.now();
  const expiresAt = await db.transaction().execute(async (trx) => {
    const invite = await issueOneTimeLink(trx, deps, {
      purpose: 'staff_invite',
      path: '/invite',
      userId: null,
      email: input.email.trim(),
      payload: { role: input.role, displayName: input.displayName, totpSecret: newTotpSecret() },
      createdBy: actor.userId,
      validMs: inviteValidMs,
      now,
    });
    await queueEmail(trx, {
      kind: 'staff_invite',
      to: input.email.trim(),
      subject: 'You are invited to Stillwater',
      body:
        `Hello ${input.displayName},\n\n${actor.displayName} invited you to join the care team on Stillwater as ${input.role}.\n` +
        `Open this link within 7 days to set your password and two-step sign-in:\n\n${invite.url}\n`,
      now,
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'staff.invite',
      entityType: 'Invite',
      entityId: invite.id,
      details: { role: input.role },
    });
    return invite.expiresAt;
  });
  // The link is the invitee's key to a new staff account: it goes to their email, not to the admin.
  return { email: input.email.trim(), expiresAt: expiresAt.toISOString() };
}

type InvitePayload = { role: StaffMember['role']; displayName: string; totpSecret: string };

async function findInvite(deps: AppDeps, context: RequestContext, token: string) {
  const invite = await findUsableLink(deps.database.db, 'staff_invite', token, context.now());
  if (!invite)
    throw new AppError(
      'invalid_token',
      'This invitation has expired or was already used. Ask your administrator for a new one.',
    );
  return { invite, payload: invite.payload as InvitePayload };
}

export async function describeInvite(deps: AppDeps, context: RequestContext, token: string) {
  const { invite, payload } = await findInvite(deps, context, token);
  const enrolment = await totpEnrolment(payload.totpSecret, invite.email);
  return {
    email: invite.email,
    role: payload.role,
    displayName: payload.displayName,
    totpSecret: enrolment.secret,
    otpauthUrl: enrolment.otpauthUrl,
    qrSvg: enrolment.qrSvg,
  };
}

/** Creates the staff account with its password and enrolled TOTP, then signs it in. */
export async function acceptInvite(
  deps: AppDeps,
  context: RequestContext,
  token: string,
  input: { password: string; totp: string },
): Promise<SignInResult & { recoveryCodes: string[] }> {
  const { invite, payload } = await findInvite(deps, context, token);
  assertPasswordAcceptable(input.password, { mfaEnabled: true, email: invite.email });
  const now = context.now();
  const step = matchTotpStep(payload.totpSecret, input.totp.trim(), now);
  if (step === undefined) {
    throw new AppError(
      'invalid_mfa_code',
      'That code did not match. Check the time on your phone and try again.',
    );
  }
  const db = deps.database.db;
  if (await identityRepo.findUserByEmail(db, invite.email)) {
    throw new AppError('email_taken', 'An account with that email already exists.');
  }
  const passwordHash = await hashPassword(input.password);
  const userId = uuidv7();
  const recoveryCodes = newRecoveryCodes();
  try {
    await db.transaction().execute(async (trx) => {
      if (!(await identityRepo.consumeOneTimeToken(trx, invite.id, now))) {
        throw new AppError('invalid_token', 'This invitation was already used.');
      }
      await identityRepo.insertUser(trx, {
        id: userId,
        email: invite.email,
        displayName: payload.displayName,
        role: payload.role,
        passwordHash,
        totpSecret: payload.totpSecret,
        now,
      });
      await identityRepo.claimTotpStep(trx, userId, step);
      await repo.upsertStaffProfile(trx, userId, {}, now);
      await identityRepo.replaceRecoveryCodes(
        trx,
        userId,
        recoveryCodes.map((code) => ({ id: uuidv7(), hash: hashRecoveryCode(code) })),
      );
      await appendAudit(trx, context, {
        action: 'C',
        subtype: 'staff.invite.accept',
        actorUserId: userId,
        actorRole: payload.role,
        entityType: 'User',
        entityId: userId,
        details: { inviteId: invite.id, invitedBy: invite.created_by },
      });
    });
  } catch (error) {
    // Two invitations for one email accepted at once: the unique index decides.
    if (isUniqueViolation(error))
      throw new AppError('email_taken', 'An account with that email already exists.');
    throw error;
  }
  const user = await identityRepo.findUserById(db, userId);
  const session = await startSession(deps, context, user!, 'totp');
  return { ...session, recoveryCodes };
}
