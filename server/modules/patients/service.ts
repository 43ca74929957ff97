import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { requireAccess, requireRole } from '../../platform/access.ts';
import { breakGlassMinutes, breakGlassRoles } from '../../platform/access-policy.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { Db, TakeOnVia } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidText } from '../../platform/http-security.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import { consentStatus } from '../consent/service.ts';
import { findLatestIntake } from '../intake/repo.ts';
import * as staffRepo from '../staff/repo.ts';
import { listStaffUsers } from '../staff/repo.ts';
import { isoDate } from '../staff/service.ts';
import * as repo from './repo.ts';
import type { JourneyNextStep } from './schema.ts';

const journeySteps = [
  {
    key: 'intake',
    title: 'Tell us about you',
    description: 'Your health history, medications and how you have been feeling.',
  },
  {
    key: 'review',
    title: 'Clinician review',
    description: 'A clinician licensed in your state reviews your answers and meets you by video.',
  },
  {
    key: 'consent',
    title: 'Informed consent',
    description: 'Read about the treatment, its effects and how we keep you safe, then sign.',
  },
  {
    key: 'plan',
    title: 'Your treatment plan',
    description: 'Your prescriber writes a plan with your dose and session schedule.',
  },
  {
    key: 'sessions',
    title: 'Sessions at home',
    description: 'Each session with safety checks, your support person nearby and your care team a tap away.',
  },
] as const;

/** The patient's row, or a 404 when there is no patient by that id. */
async function requirePatient(db: Db, patientId: string) {
  const patient = await repo.findPatient(db, patientId);
  if (!patient) throw new AppError('not_found', 'No such patient.');
  return patient;
}

/** Where the patient is on their journey, and the one next thing to do, in plain words. */
export async function getJourney(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.profile.read');
  const patient = await requirePatient(db, patientId);
  const intake = await findLatestIntake(db, patientId);
  const consent = await consentStatus(db, patientId);
  const stage = patient.journey_stage;
  const declined = stage === 'declined' || intake?.status === 'declined';
  let current: (typeof journeySteps)[number]['key'] = 'intake';
  if (intake?.status === 'submitted') current = 'review';
  else if (intake?.status === 'approved')
    current = consent.upToDate ? (stage === 'plan' || stage === 'consent' ? 'plan' : 'sessions') : 'consent';
  const currentIndex = journeySteps.findIndex((s) => s.key === current);
  const nextSteps: Record<typeof current, z.infer<typeof JourneyNextStep>> = {
    intake: {
      title: intake?.status === 'needs_info' ? 'Your clinician has a question' : 'Continue your intake',
      description:
        intake?.status === 'needs_info'
          ? (intake.clinician_question ?? 'Please update your answers.')
          : 'Your answers are saved as you go, so you can stop and come back at any time.',
      action: 'intake',
    },
    review: {
      title: 'Your answers are under review',
      description:
        'A clinician licensed in your state is reviewing your answers. We will contact you to book a short video visit. There is nothing you need to do right now.',
      action: 'none',
    },
    consent: {
      title: 'Read and sign your consent',
      description: 'This explains the treatment and how we keep you safe.',
      action: 'consent',
    },
    plan: {
      title: 'Your plan is being prepared',
      description: 'Your prescriber is writing your treatment plan. We will let you know when it is ready.',
      action: 'none',
    },
    sessions: {
      title: 'Your sessions',
      description: 'See your schedule and prepare for your next session.',
      action: 'sessions',
    },
  };
  const next: z.infer<typeof JourneyNextStep> = declined
    ? {
        title: 'A message from your clinician',
        description:
          'Your clinician has explained why this program is not the right fit for now, with other places to turn.',
        action: 'candidacy',
      }
    : nextSteps[current];
  return {
    stage,
    declined,
    steps: journeySteps.map((step, index) => {
      const status: 'done' | 'current' | 'upcoming' = declined
        ? index === 0
          ? 'done'
          : 'upcoming'
        : index < currentIndex
          ? 'done'
          : index === currentIndex
            ? 'current'
            : 'upcoming';
      return { ...step, status };
    }),
    next,
    consent,
  };
}

export async function getPatientProfile(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.profile.read');
  return db.transaction().execute(async (trx) => {
    const patient = await requirePatient(trx, patientId);
    await auditPatientRead(trx, context, 'patient.profile.read', grant, { entityId: patientId });
    return {
      id: patient.id,
      givenName: patient.given_name,
      familyName: patient.family_name,
      dateOfBirth: patient.date_of_birth,
      stateOfResidence: patient.state_of_residence,
      timeZone: patient.time_zone,
      journeyStage: patient.journey_stage,
    };
  });
}

/** The people caring for a patient, with credentials and licences: the transparency the program promises. */
export async function getCareTeam(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.care_team.read');
  return db.transaction().execute(async (trx) => {
    const members = await repo.listCareTeam(trx, patientId);
    const licences = await staffRepo.listLicences(
      trx,
      members.map((m) => m.userId),
    );
    await auditPatientRead(trx, context, 'patient.care_team.read', grant, { entityId: patientId });
    const today = isoDate(context.now());
    return members.map((member) => ({
      userId: member.userId,
      displayName: member.displayName,
      role: member.role,
      credentials: member.credentials ?? '',
      title: member.title ?? '',
      licences: licences
        .filter((l) => l.user_id === member.userId)
        .map((l) => ({
          state: l.state,
          number: l.number,
          expiresOn: l.expires_on,
          active: l.expires_on >= today,
        })),
    }));
  });
}

const alertRankNames = ['none', 'normal', 'high', 'urgent'] as const;

function encodeCursor(values: repo.CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const cursorName = z.string().max(200).refine(isValidText);
const cursorScore = z.number().int().min(0).max(27).nullable();
/** The keyset values each sort's cursor carries, as encodeCursor wrote them (see listMyPatients). */
const cursorShapes: Record<repo.CaseloadSort, z.ZodType<repo.CursorValue[]>> = {
  name: z.tuple([cursorName, cursorName, z.uuid()]),
  latest_phq9: z.tuple([cursorScore, z.uuid()]),
  risk: z.tuple([
    z
      .number()
      .int()
      .min(0)
      .max(alertRankNames.length - 1),
    cursorScore,
    z.uuid(),
  ]),
};

/** The cursor's values, checked against the sort's shape: nothing else reaches the keyset SQL. */
function decodeCursor(cursor: string | undefined, sort: repo.CaseloadSort): repo.CursorValue[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = cursorShapes[sort].safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (values.success) return values.data;
  } catch {}
  throw new AppError('invalid_request', 'cursor: is not one this list gave out', {
    issues: [{ path: 'cursor', message: 'is not one this list gave out' }],
  });
}

/**
 * A staff member's own caseload (assigned patients): searched, sorted by name, latest PHQ-9
 * or risk (the most severe active alert, then the score), a page at a time. Coaches see no
 * scores or alerts (the access policy keeps scores from them).
 */
export async function listMyPatients(
  deps: AppDeps,
  context: RequestContext,
  query: { search?: string; sort: repo.CaseloadSort; cursor?: string; limit: number } = {
    sort: 'name',
    limit: 50,
  },
) {
  const actor = requireRole(context, ['clinician', 'nurse', 'coach']);
  const seesScores = actor.role !== 'coach';
  const sort = seesScores ? query.sort : 'name';
  const after = decodeCursor(query.cursor, sort);
  const db = deps.database.db;
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listPatientsForStaff(trx, actor.userId, {
      search: query.search,
      sort,
      after,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(
            sort === 'name'
              ? [last.family_name.toLowerCase(), last.given_name.toLowerCase(), last.id]
              : sort === 'latest_phq9'
                ? [last.latest_phq9, last.id]
                : [last.alert_rank, last.latest_phq9, last.id],
          )
        : null;
    const total = await repo.countCaseload(trx, actor.userId);
    await appendAudit(trx, context, {
      action: 'R',
      subtype: 'patient.list',
      entityType: 'Patient',
      // Names and journey stages are health data: the trail says whose were shown. Whether a
      // search narrowed the list is kept, not what was typed (a name).
      details: {
        returned: page.length,
        sort,
        searched: Boolean(query.search),
        patientIds: page.map((row) => row.id),
      },
    });
    return {
      items: page.map((row) => ({
        id: row.id,
        givenName: row.given_name,
        familyName: row.family_name,
        stateOfResidence: row.state_of_residence,
        journeyStage: row.journey_stage,
        careRole: row.care_role,
        latestPhq9: seesScores ? row.latest_phq9 : null,
        latestPhq9At: seesScores ? (row.latest_phq9_at?.toISOString() ?? null) : null,
        latestGad7: seesScores ? row.latest_gad7 : null,
        latestGad7At: seesScores ? (row.latest_gad7_at?.toISOString() ?? null) : null,
        risk: seesScores ? (alertRankNames[row.alert_rank] ?? 'none') : null,
      })),
      nextCursor,
      total,
    };
  });
}

/** The people a support person supports (active links only): their session days are shared with them. */
export async function listSupportedPeople(deps: AppDeps, context: RequestContext) {
  const actor = requireRole(context, ['support']);
  const db = deps.database.db;
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listSupportedPeople(trx, actor.userId);
    await appendAudit(trx, context, {
      action: 'R',
      subtype: 'support.people',
      entityType: 'Patient',
      details: { returned: rows.length, patientIds: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({
      id: r.id,
      givenName: r.given_name,
      familyName: r.family_name,
      relationship: r.relationship,
    }));
  });
}

export async function assignCareTeamMember(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: { staffUserId: string; role: 'prescriber' | 'nurse' | 'coach' },
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.care_team.manage');
  const [staff] = await listStaffUsers(db, input.staffUserId);
  const fits =
    staff &&
    staff.status === 'active' &&
    ((input.role === 'prescriber' && staff.role === 'clinician') ||
      (input.role === 'nurse' && (staff.role === 'nurse' || staff.role === 'clinician')) ||
      (input.role === 'coach' && staff.role === 'coach'));
  if (!fits) {
    throw new AppError('unprocessable', `That staff member cannot be this patient's ${input.role}.`);
  }
  await db.transaction().execute(async (trx) => {
    const id = uuidv7();
    if (!(await repo.insertCareTeamMember(trx, { id, patientId, ...input }))) {
      throw new AppError('conflict', 'That staff member is already on this care team.');
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'patient.care_team.assign',
      patientId,
      entityType: 'CareTeam',
      entityId: id,
      details: { staffUserId: input.staffUserId, role: input.role },
    });
  });
}

export async function removeCareTeamMember(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  staffUserId: string,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.care_team.manage');
  await db.transaction().execute(async (trx) => {
    if ((await repo.deleteCareTeamMember(trx, patientId, staffUserId)) === 0) {
      throw new AppError('not_found', 'That staff member is not on this care team.');
    }
    await appendAudit(trx, context, {
      action: 'D',
      subtype: 'patient.care_team.remove',
      patientId,
      entityType: 'CareTeam',
      details: { staffUserId },
    });
  });
}

/**
 * Emergency access to a chart outside the caller's assignments: time-limited, with a typed
 * reason, audited, and queued for an administrator to review.
 */
export async function openBreakGlass(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  reason: string,
) {
  const actor = requireRole(context, breakGlassRoles);
  const db = deps.database.db;
  await requirePatient(db, patientId);
  const now = context.now();
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + breakGlassMinutes * 60_000);
  await db.transaction().execute(async (trx) => {
    await repo.insertBreakGlass(trx, { id, userId: actor.userId, patientId, reason, now, expiresAt });
    await appendAudit(trx, context, {
      action: 'E',
      subtype: 'access.break_glass',
      patientId,
      entityType: 'BreakGlassGrant',
      entityId: id,
      // The typed reason is kept with the grant, for the administrator who reviews it.
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, expiresAt: expiresAt.toISOString() };
}

const takeOnReasons: Record<TakeOnVia, string> = {
  candidacy_review: 'Took the patient on from the intake team by starting the candidacy review',
  alert: 'Took the patient on from the intake team by acknowledging their alert',
};

/**
 * What waits for an administrator's eyes: break-glass accesses and intake-team take-ons (both open
 * a chart without an assignment), unreviewed first, then newest first.
 */
export async function listBreakGlassForReview(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin']);
  const db = deps.database.db;
  const [grants, takeOns] = await Promise.all([repo.listBreakGlass(db), repo.listTakeOns(db)]);
  const review = (row: {
    reviewed_at: Date | null;
    reviewed_by_name: string | null;
    review_note: string | null;
  }) => ({
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
    reviewedByName: row.reviewed_by_name,
    reviewNote: row.review_note,
  });
  const items = [
    ...grants.map((row) => ({
      id: row.id,
      kind: 'break_glass' as const,
      userId: row.user_id,
      userName: row.user_name,
      patientId: row.patient_id,
      patientName: `${row.given_name} ${row.family_name}`,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      ...review(row),
    })),
    ...takeOns.map((row) => ({
      id: row.id,
      kind: 'take_on' as const,
      userId: row.user_id,
      userName: row.user_name,
      patientId: row.patient_id,
      patientName: `${row.given_name} ${row.family_name}`,
      reason: takeOnReasons[row.via],
      createdAt: row.created_at.toISOString(),
      expiresAt: null,
      ...review(row),
    })),
  ];
  const unreviewedFirst = (item: { reviewedAt: string | null }) => (item.reviewedAt ? 1 : 0);
  return items.sort(
    (a, b) => unreviewedFirst(a) - unreviewedFirst(b) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** Marks a break-glass access or a take-on reviewed; nobody signs off their own. */
export async function reviewBreakGlass(deps: AppDeps, context: RequestContext, id: string, note: string) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  const grant = await repo.findBreakGlass(db, id);
  const takeOn = grant ? undefined : await repo.findTakeOn(db, id);
  // A review is a second pair of eyes: an admin who broke the glass cannot sign it off.
  if ((grant ?? takeOn)?.user_id === actor.userId) {
    throw new AppError('forbidden', 'Another administrator must review your own break-glass access.');
  }
  await db.transaction().execute(async (trx) => {
    const reviewed = takeOn
      ? await repo.markTakeOnReviewed(trx, id, actor.userId, note, context.now())
      : await repo.markBreakGlassReviewed(trx, id, actor.userId, note, context.now());
    if (!reviewed) {
      throw new AppError('not_found', 'No unreviewed break-glass access or take-on with that id.');
    }
    await appendAudit(trx, context, {
      action: 'U',
      subtype: takeOn ? 'patient.care_team.take_on.review' : 'access.break_glass.review',
      entityType: takeOn ? 'CareTeamTakeOn' : 'BreakGlassGrant',
      entityId: id,
    });
  });
}
