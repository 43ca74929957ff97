/**
 * Session readiness: a pure function that decides whether an at-home session is cleared for the
 * dose or held, and gives every reason it is held (never just the first), in plain words with its
 * rule and source. The limits come from the patient's plan, whose defaults are the clinic protocol
 * settings in CLINICAL-REFERENCE.md › Session safety. The caller passes the clock (`now`) and the
 * clinic's local date; nothing here reads a clock or a database.
 */

export type ReadinessInput = {
  now: Date;
  candidacyApproved: boolean;
  consentUpToDate: boolean;
  plan: {
    status: 'draft' | 'active' | 'paused' | 'completed';
    /** The plan's current approved dose. */
    doseMg: number;
    maxDoseMg: number;
    minHoursBetweenSessions: number;
    /** Hold at or above either number. */
    bloodPressureLimit: { systolic: number; diastolic: number; reason?: string | null };
    /** Hold outside [min, max]. */
    heartRateRange: { min: number; max: number };
    /** YYYY-MM-DD; the plan has expired after this day. */
    endsOn: string | null;
    sessionsPlanned: number;
    /** Sessions already dosed under this plan. */
    sessionsDosed: number;
  };
  /** The dose about to be taken. */
  requestedDoseMg: number;
  lastDoseAt: Date | null;
  /** The reading that counts when `readings` is not given (taken now). */
  vitals: { systolic: number; diastolic: number; heartRate: number } | null;
  /**
   * Every pre-dose reading of this session since a nurse or clinician last lifted a vitals hold,
   * oldest first. When given, the rested-retake rule (`assessVitals`) decides, and `vitals` is ignored.
   */
  readings?: VitalsReading[];
  /** A nurse or clinician lifted a vitals hold; `readings` are those taken after the lift. */
  vitalsHoldLifted?: boolean;
  /** The one rested retake opens this many minutes after a reading above the limit (default 5). */
  retakeAfterMinutes?: number;
  /** The dose may be taken only inside this window around the scheduled time. */
  doseWindow?: { opensAt: Date; closesAt: Date };
  /** IANA zone for the times named in words (default UTC). */
  timeZone?: string;
  supportPersonConfirmed: boolean;
  checklist: SessionChecklist | null;
  firstSession: boolean;
  /** A nurse or clinician is watching live (required on the first session). */
  liveMonitorPresent: boolean;
  /** Only alerts that hold a dose; the caller filters. */
  unresolvedSafetyAlerts: {
    id: string;
    kind: string;
    severity: 'urgent' | 'high' | 'normal';
    reason: string;
  }[];
  /** YYYY-MM-DD today in the clinic's time zone, for the plan expiry check. */
  localDate: string;
};

export type SessionChecklist = {
  fasting: boolean;
  noAlcohol24h: boolean;
  privateQuietRoom: boolean;
  eyeMaskAndMusic: boolean;
  noDrivingUntilTomorrow: boolean;
};

/** The checklist items in the words a patient reads, in the order they are shown. */
export const checklistItems: Record<keyof SessionChecklist, string> = {
  fasting: 'no food for about 2–4 hours before the dose (it lessens nausea)',
  noAlcohol24h: 'no alcohol in the last 24 hours',
  privateQuietRoom: 'a private, quiet room',
  eyeMaskAndMusic: 'an eye mask and music ready',
  noDrivingUntilTomorrow: 'no driving until tomorrow, after a night’s sleep',
};

export const holdCodes = [
  'candidacy_not_approved',
  'consent_not_signed',
  'plan_not_active',
  'plan_expired',
  'course_complete',
  'dose_above_plan',
  'interval_too_short',
  'outside_dose_window',
  'vitals_missing',
  'blood_pressure_high',
  'heart_rate_out_of_range',
  'support_person_not_confirmed',
  'checklist_incomplete',
  'live_monitor_required',
  'safety_alert_open',
] as const;

export type HoldCode = (typeof holdCodes)[number];

export type HoldReason = {
  code: HoldCode;
  title: string;
  explanation: string;
  source: string;
  /** For `safety_alert_open`: the alert that holds the dose. */
  alertId?: string;
};

export type Readiness = {
  status: 'cleared' | 'held';
  /** Every hold that applies, in the order of `holdCodes` (alerts in the order given); empty when cleared. */
  reasons: HoldReason[];
  /** With an `interval_too_short` hold: the first moment (ISO 8601, UTC) the next dose may be taken. */
  earliestDoseAt?: string;
};

/**
 * The clinic protocol defaults a new plan starts from (CLINICAL-REFERENCE.md › Session safety).
 * A clinician may set other limits for a patient; readiness always applies the plan's own.
 */
export const sessionSafetyDefaults = {
  bloodPressureLimit: { systolic: 140, diastolic: 90 },
  heartRateRange: { min: 50, max: 110 },
} as const;

export type VitalsReading = { systolic: number; diastolic: number; heartRate: number; takenAt: Date };

export type VitalsCheckStatus =
  | 'missing'
  | 'within'
  | 'retake_waiting'
  | 'retake_open'
  | 'retake_within'
  | 'staff_needed'
  | 'lifted';

export type VitalsCheck = {
  status: VitalsCheckStatus;
  /** With a reading above the limit: when the one rested retake opens (or opened). */
  opensAt: Date | null;
  /** The first reading above the limit, if any. */
  high: VitalsReading | null;
  /** The retake (or the latest later reading), if any. */
  latest: VitalsReading | null;
};

type VitalsLimits = Pick<ReadinessInput['plan'], 'bloodPressureLimit' | 'heartRateRange'>;

/** Whether a reading is at or above the blood-pressure limit, or outside the heart-rate range. */
export function isOverLimit(reading: Omit<VitalsReading, 'takenAt'>, plan: VitalsLimits): boolean {
  const { bloodPressureLimit: bp, heartRateRange: hr } = plan;
  return (
    reading.systolic >= bp.systolic ||
    reading.diastolic >= bp.diastolic ||
    reading.heartRate < hr.min ||
    reading.heartRate > hr.max
  );
}

/**
 * The rested-retake rule (CLINICAL-REFERENCE.md › Session safety: two readings about a minute
 * apart after 5 minutes of seated rest; a reading above the limit may be retaken once): the first
 * reading above the limit holds the session; one retake no sooner than `retakeAfterMinutes` later
 * may clear it if within the limit; a retake also above the limit, or any further try, leaves the
 * hold for a nurse or clinician. Every reading counts: none is overwritten by a later one.
 */
export function assessVitals(input: {
  readings: VitalsReading[];
  plan: VitalsLimits;
  lifted: boolean;
  retakeAfterMinutes: number;
  now: Date;
}): VitalsCheck {
  const { readings, plan } = input;
  const latest = readings.at(-1) ?? null;
  if (!latest) return { status: input.lifted ? 'lifted' : 'missing', opensAt: null, high: null, latest };
  const firstHigh = readings.findIndex((reading) => isOverLimit(reading, plan));
  if (firstHigh === -1) return { status: 'within', opensAt: null, high: null, latest };
  const high = readings[firstHigh]!;
  const opensAt = new Date(high.takenAt.getTime() + input.retakeAfterMinutes * 60_000);
  const after = readings.slice(firstHigh + 1);
  if (after.length === 0) {
    const status = input.now.getTime() >= opensAt.getTime() ? 'retake_open' : 'retake_waiting';
    return { status, opensAt, high, latest: null };
  }
  if (after.length === 1 && !isOverLimit(after[0]!, plan)) {
    return { status: 'retake_within', opensAt, high, latest };
  }
  return { status: 'staff_needed', opensAt, high, latest };
}

const invariant = 'DESIGN safety invariant';
const sessionSafetyRef = 'Stillwater clinical reference › Session safety';
const whatNext = 'Your care team can see this and will be in touch.';

const minutesText = (minutes: number) => `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;

/** "9:30 AM MST", in the given zone. */
export function clockTimeInWords(at: Date, timeZone = 'UTC'): string {
  return at.toLocaleTimeString('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });
}

const hoursText = (hours: number) => `${hours} ${hours === 1 ? 'hour' : 'hours'}`;

const listInWords = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}`;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function validate(input: ReadinessInput) {
  const numbers: [string, number][] = [
    ['requestedDoseMg', input.requestedDoseMg],
    ['plan.doseMg', input.plan.doseMg],
    ['plan.maxDoseMg', input.plan.maxDoseMg],
    ['plan.minHoursBetweenSessions', input.plan.minHoursBetweenSessions],
    ['plan.bloodPressureLimit.systolic', input.plan.bloodPressureLimit.systolic],
    ['plan.bloodPressureLimit.diastolic', input.plan.bloodPressureLimit.diastolic],
    ['plan.heartRateRange.min', input.plan.heartRateRange.min],
    ['plan.heartRateRange.max', input.plan.heartRateRange.max],
    ['plan.sessionsPlanned', input.plan.sessionsPlanned],
    ['plan.sessionsDosed', input.plan.sessionsDosed],
  ];
  if (input.vitals) {
    numbers.push(
      ['vitals.systolic', input.vitals.systolic],
      ['vitals.diastolic', input.vitals.diastolic],
      ['vitals.heartRate', input.vitals.heartRate],
    );
  }
  // A NaN would compare false against every limit and so clear a dose: refuse it instead.
  for (const [name, value] of numbers) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`${name} must be a number ≥ 0; got ${value}.`);
  }
  if (input.retakeAfterMinutes !== undefined && !(input.retakeAfterMinutes >= 0)) {
    throw new RangeError(`retakeAfterMinutes must be a number ≥ 0; got ${input.retakeAfterMinutes}.`);
  }
  for (const reading of input.readings ?? []) {
    for (const value of [reading.systolic, reading.diastolic, reading.heartRate]) {
      if (!Number.isFinite(value) || value < 0)
        throw new RangeError(`readings must be numbers ≥ 0; got ${value}.`);
    }
    if (Number.isNaN(reading.takenAt.getTime()))
      throw new RangeError('readings[].takenAt must be a valid date.');
  }
  if (
    input.doseWindow &&
    (Number.isNaN(input.doseWindow.opensAt.getTime()) || Number.isNaN(input.doseWindow.closesAt.getTime()))
  ) {
    throw new RangeError('doseWindow must hold valid dates.');
  }
  if (input.requestedDoseMg <= 0) throw new RangeError('requestedDoseMg must be more than 0.');
  if (Number.isNaN(input.now.getTime())) throw new RangeError('now must be a valid date.');
  if (input.lastDoseAt && Number.isNaN(input.lastDoseAt.getTime())) {
    throw new RangeError('lastDoseAt must be a valid date or null.');
  }
  if (!isoDate.test(input.localDate))
    throw new RangeError(`localDate must be YYYY-MM-DD; got ${input.localDate}.`);
  if (input.plan.endsOn !== null && !isoDate.test(input.plan.endsOn)) {
    throw new RangeError(`plan.endsOn must be YYYY-MM-DD or null; got ${input.plan.endsOn}.`);
  }
}

/** Decides whether the session is cleared for the dose, listing every hold that applies. */
export function assessReadiness(input: ReadinessInput): Readiness {
  validate(input);
  const { plan } = input;
  const reasons: HoldReason[] = [];
  const hold = (code: HoldCode, title: string, explanation: string, source: string) =>
    reasons.push({ code, title, explanation, source });
  let earliestDoseAt: string | undefined;

  if (!input.candidacyApproved) {
    hold(
      'candidacy_not_approved',
      'Candidacy not approved',
      `A clinician has not yet approved you for at-home treatment, so no dose can be taken. ${whatNext}`,
      `${invariant}: candidacy approved before any dose`,
    );
  }

  if (!input.consentUpToDate) {
    hold(
      'consent_not_signed',
      'Consent not signed',
      'Your consent to treatment is not signed, or a newer version needs your signature. Please read and sign it before the session.',
      `${invariant}: current consent signed before any dose`,
    );
  }

  if (plan.status !== 'active') {
    const state = {
      draft: 'is still a draft that a clinician has not started',
      paused: 'is paused by your clinician',
      completed: 'is completed',
    }[plan.status];
    hold(
      'plan_not_active',
      { draft: 'Plan still a draft', paused: 'Plan paused', completed: 'Plan completed' }[plan.status],
      `Your treatment plan ${state}, so no dose can be taken under it. ${whatNext}`,
      'Clinic protocol: a dose is taken only under an active plan',
    );
  }

  // YYYY-MM-DD strings order the same way as the days they name.
  if (plan.endsOn !== null && input.localDate > plan.endsOn) {
    hold(
      'plan_expired',
      'Plan expired',
      `Your treatment plan ended on ${plan.endsOn}. A clinician needs to renew it before another dose. ${whatNext}`,
      `${invariant}: no dose under an expired plan`,
    );
  }

  if (plan.sessionsDosed >= plan.sessionsPlanned) {
    hold(
      'course_complete',
      'Course complete',
      `All ${plan.sessionsPlanned} sessions in your plan have been taken, so the course is complete. Your clinician will review the course with you before any further sessions.`,
      'Clinic protocol: no sessions beyond the number the plan prescribes',
    );
  }

  const overPlan = input.requestedDoseMg > plan.doseMg;
  const overMax = input.requestedDoseMg > plan.maxDoseMg;
  if (overPlan || overMax) {
    const limits = [
      overPlan && `your plan's current dose of ${plan.doseMg} mg`,
      overMax && `your plan's maximum of ${plan.maxDoseMg} mg`,
    ].filter((limit): limit is string => Boolean(limit));
    hold(
      'dose_above_plan',
      'Dose above the plan',
      `The dose about to be taken, ${input.requestedDoseMg} mg, is more than ${limits.join(' and ')}. Only the prescribed dose may be taken.`,
      `${invariant}; ${sessionSafetyRef}: dose never above the current plan's prescribed dose`,
    );
  }

  if (input.lastDoseAt) {
    const earliest = input.lastDoseAt.getTime() + plan.minHoursBetweenSessions * 3_600_000;
    if (earliest > input.now.getTime()) {
      earliestDoseAt = new Date(earliest).toISOString();
      hold(
        'interval_too_short',
        'Too soon after the last dose',
        `Your last dose was at ${input.lastDoseAt.toISOString()}. Your plan keeps at least ${hoursText(plan.minHoursBetweenSessions)} between doses, so the next dose may be taken from ${earliestDoseAt}.`,
        `${invariant}; ${sessionSafetyRef}: sessions never closer than the plan's minimum interval`,
      );
    }
  }

  const { doseWindow } = input;
  if (doseWindow) {
    const t = input.now.getTime();
    if (t < doseWindow.opensAt.getTime() || t > doseWindow.closesAt.getTime()) {
      const zone = input.timeZone ?? 'UTC';
      const early = t < doseWindow.opensAt.getTime();
      hold(
        'outside_dose_window',
        'Outside the dose window',
        `${early ? 'It is too early for the dose' : 'The time for this dose has passed'}: it can be taken between ${clockTimeInWords(doseWindow.opensAt, zone)} and ${clockTimeInWords(doseWindow.closesAt, zone)} on the day of the session. ${early ? 'Please wait until then.' : 'Your care team will help you find a new time.'}`,
        'Clinic protocol: the dose is taken within its window around the scheduled time (clinic operating default 60 minutes before to 4 hours after)',
      );
    }
  }

  const retakeAfterMinutes = input.retakeAfterMinutes ?? 5;
  const vitalsCheck = assessVitals({
    readings: input.readings ?? (input.vitals ? [{ ...input.vitals, takenAt: input.now }] : []),
    plan,
    lifted: input.vitalsHoldLifted ?? false,
    retakeAfterMinutes,
    now: input.now,
  });
  if (vitalsCheck.status === 'missing') {
    hold(
      'vitals_missing',
      'Blood pressure and heart rate needed',
      'Your blood pressure and heart rate have not been recorded for this session yet. Please measure them before the dose.',
      `${sessionSafetyRef}: blood pressure and heart rate before dosing (clinic protocol)`,
    );
  } else if (vitalsCheck.high && vitalsCheck.status !== 'retake_within') {
    const high = vitalsCheck.high;
    const retake = vitalsCheck.latest;
    const zone = input.timeZone ?? 'UTC';
    const next =
      vitalsCheck.status === 'staff_needed'
        ? `${retake ? `Your retake, ${retake.systolic}/${retake.diastolic} with a heart rate of ${retake.heartRate}, was also outside your plan's limits, so ` : ''}the session stays paused until a nurse or clinician has spoken with you. They will call you.`
        : vitalsCheck.status === 'retake_waiting'
          ? `You may take one more reading after sitting quietly for ${minutesText(retakeAfterMinutes)}, from ${clockTimeInWords(vitalsCheck.opensAt!, zone)}. If it is within your limits, the session can go ahead.`
          : `You may take one more reading now, after sitting quietly for ${minutesText(retakeAfterMinutes)}. If it is within your limits, the session can go ahead.`;
    const retakeSource = `${sessionSafetyRef}: one rested retake after ${minutesText(retakeAfterMinutes)} (2017 ACC/AHA guideline, home monitoring); then a nurse or clinician decides`;
    const limit = plan.bloodPressureLimit;
    if (high.systolic >= limit.systolic || high.diastolic >= limit.diastolic) {
      const defaults = sessionSafetyDefaults.bloodPressureLimit;
      const isDefault = limit.systolic === defaults.systolic && limit.diastolic === defaults.diastolic;
      const why = limit.reason?.trim()
        ? ` Your clinician set this limit because: ${limit.reason.trim()}.`
        : '';
      hold(
        'blood_pressure_high',
        'Blood pressure above the plan limit',
        `Your blood pressure reading ${high.systolic}/${high.diastolic} is at or above your plan's limit of ${limit.systolic}/${limit.diastolic}, so we've paused this session. Ketamine raises blood pressure for a while after the dose.${why} ${next}`,
        `${
          isDefault
            ? `Spravato label (weigh the risk above ${defaults.systolic}/${defaults.diastolic}); clinic protocol default ${defaults.systolic}/${defaults.diastolic}`
            : `Spravato label (weigh the risk above ${defaults.systolic}/${defaults.diastolic}); limit of ${limit.systolic}/${limit.diastolic} set in this patient's plan`
        }; ${retakeSource}`,
      );
    }

    const range = plan.heartRateRange;
    if (high.heartRate < range.min || high.heartRate > range.max) {
      const defaults = sessionSafetyDefaults.heartRateRange;
      const isDefault = range.min === defaults.min && range.max === defaults.max;
      hold(
        'heart_rate_out_of_range',
        'Heart rate outside the plan range',
        `Your heart rate of ${high.heartRate} beats a minute is outside your plan's range of ${range.min}–${range.max}, so we've paused this session. ${next}`,
        `${
          isDefault
            ? `${sessionSafetyRef}: clinic protocol default ${defaults.min}–${defaults.max} bpm`
            : `${sessionSafetyRef}: range of ${range.min}–${range.max} bpm set in this patient's plan`
        }; ${retakeSource}`,
      );
    }
  }

  if (!input.supportPersonConfirmed) {
    hold(
      'support_person_not_confirmed',
      'Support person not confirmed',
      'Your support person has not confirmed they are with you. Every at-home session needs an adult (18 or over), sober, within voice range, who checks in on you every 15 minutes.',
      `${invariant}; ${sessionSafetyRef}: support person confirmed for every at-home session`,
    );
  }

  const checklistKeys = Object.keys(checklistItems) as (keyof SessionChecklist)[];
  const unticked = checklistKeys.filter((key) => !input.checklist?.[key]).map((key) => checklistItems[key]);
  if (unticked.length > 0) {
    hold(
      'checklist_incomplete',
      'Preparation checklist not complete',
      `${input.checklist ? 'Some of your preparation checklist is not ticked yet' : 'Your preparation checklist has not been filled in yet'}: ${listInWords(unticked)}. Please check each one before the dose.`,
      `${sessionSafetyRef}: fasting, no alcohol, no driving (clinic protocol)`,
    );
  }

  if (input.firstSession && !input.liveMonitorPresent) {
    hold(
      'live_monitor_required',
      'Live monitoring needed for the first session',
      'Your first session is watched live by a nurse or clinician over video, and they have not joined yet. Please wait for them before the dose.',
      `${sessionSafetyRef}: first session live virtual monitoring (clinic protocol)`,
    );
  }

  for (const alert of input.unresolvedSafetyAlerts) {
    reasons.push({
      code: 'safety_alert_open',
      title: alert.severity === 'urgent' ? 'Urgent safety alert open' : 'Safety alert open',
      // The alert's own words stay with the care team: this explanation is read by the patient and
      // by a support person, who must not learn what the alert says (need-to-know).
      explanation: `A safety check needs your care team before this session. ${whatNext}`,
      source: `${invariant}: no dose while a safety alert is unresolved (alert ${alert.kind})`,
      alertId: alert.id,
    });
  }

  return {
    status: reasons.length > 0 ? 'held' : 'cleared',
    reasons,
    ...(earliestDoseAt ? { earliestDoseAt } : {}),
  };
}
