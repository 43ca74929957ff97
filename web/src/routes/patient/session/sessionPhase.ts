/**
 * Where the patient is on a session day, worked out from plain data: the server's session and
 * what this phone knows that the server may not have yet (a dose or check-in still queued).
 * No clock, no I/O, so every branch is unit-tested (sessionPhase.test.ts).
 */

export type PreDoseStep = 'prepare' | 'support' | 'nurse' | 'readiness';
export type SessionDayPhase = 'closed' | 'summary' | 'in-session' | 'pre-dose';

/** What of the session decides the phase (a `DosingSession` has all of it). */
export interface SessionFacts {
  status: string;
  firstSession: boolean;
  checklist: unknown;
  vitals: readonly { context: string }[];
  supportConfirmedAt: string | null;
  liveMonitorJoinedAt: string | null;
}

export interface SessionPhaseInput {
  /** Null until the session has loaded (from the server or this phone's copy). */
  session: SessionFacts | null;
  /** A step the patient went back to (or that stays up until they move on). */
  override: 'prepare' | 'support' | null;
  /** When the dose was taken, from the server or from a dose queued on this phone. */
  dosedAt: string | null;
  /** The post-session check-in was answered (sent, or queued on this phone). */
  checkedIn: boolean;
}

export interface SessionPhase {
  phase: SessionDayPhase;
  preDoseStep: PreDoseStep;
  /** The steps before the dose, in order: a first session waits for the nurse to join. */
  steps: PreDoseStep[];
  /** How often to ask the server, in ms, while someone else has to act; null when nobody is awaited. */
  pollEveryMs: number | null;
}

/** How often the page asks the server while someone else has to act (support person, nurse). */
export const WAITING_POLL_MS = 3_000;
/**
 * During the session: picks up changes, and keeps the sign-in alive. Someone in a dissociative
 * state cannot answer an idle warning, and a sign-out now would hide the help button.
 */
export const IN_SESSION_POLL_MS = 60_000;

export function sessionPhase({ session, override, dosedAt, checkedIn }: SessionPhaseInput): SessionPhase {
  const prepared =
    Boolean(session?.checklist) && Boolean(session?.vitals.some((v) => v.context === 'pre_dose'));
  const confirmed = Boolean(session?.supportConfirmedAt);
  const preDoseStep: PreDoseStep = !session
    ? 'prepare'
    : !prepared || override === 'prepare'
      ? 'prepare'
      : !confirmed || override === 'support'
        ? 'support'
        : session.firstSession && !session.liveMonitorJoinedAt
          ? 'nurse'
          : 'readiness';
  const phase: SessionDayPhase = !session
    ? 'pre-dose'
    : checkedIn
      ? 'summary'
      : dosedAt
        ? 'in-session'
        : session.status === 'missed' || session.status === 'cancelled'
          ? 'closed'
          : 'pre-dose';
  // Held: the retake opens, or a nurse lifts the hold, while the patient waits on this screen.
  const waitingOnHold = phase === 'pre-dose' && preDoseStep === 'readiness' && session?.status === 'held';
  const pollEveryMs =
    phase === 'in-session'
      ? IN_SESSION_POLL_MS
      : phase === 'pre-dose' && (preDoseStep === 'support' || preDoseStep === 'nurse' || waitingOnHold)
        ? WAITING_POLL_MS
        : null;
  const steps: PreDoseStep[] = session?.firstSession
    ? ['prepare', 'support', 'nurse', 'readiness']
    : ['prepare', 'support', 'readiness'];
  return { phase, preDoseStep, steps, pollEveryMs };
}
