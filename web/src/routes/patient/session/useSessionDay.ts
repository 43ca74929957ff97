import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../api/client';
import { type CheckInAnswers, type DosingSession, type HelpResult, sessionsApi } from '../../../api/sessions';
import { errorMessage } from '../../../api/useApiData';
import { useMe } from '../../../auth/AuthProvider';
import { newIdempotencyKey, type QueuedEventKind, type QueueOutcome } from '../../../session/offlineQueue';
import { readCachedSession, writeCachedSession } from '../../../session/sessionCache';
import { requestSessionHelp, sessionQueue } from '../../../session/sessionQueue';
import { formatClockTime } from '../../../session/time';
import { useOnline } from '../../../session/useOnline';
import { useSessionEvents } from '../../../session/useSessionEvents';
import type { HelpState } from './InSession';
import { sessionPhase } from './sessionPhase';
import { doseWindowWords } from './vitals';

/**
 * The state of one session day on this phone: the session (from the server, or this phone's copy
 * while offline), what is queued to send, where the patient is (`sessionPhase`), and what they
 * can do next (the safety check, the dose, help, a recheck, the check-in).
 */
export function useSessionDay(sessionId: string) {
  const me = useMe();
  const patientId = me.patientId ?? '';
  const [session, setSessionState] = useState<DosingSession | null>(() => readCachedSession(sessionId));
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [networkDown, setNetworkDown] = useState(false);
  const [override, setOverride] = useState<'prepare' | 'support' | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkProblem, setCheckProblem] = useState<string | null>(null);
  const [doseSubmitting, setDoseSubmitting] = useState(false);
  const [doseProblem, setDoseProblem] = useState<string | null>(null);
  const [doseRefused, setDoseRefused] = useState(false);
  const [help, setHelp] = useState<HelpState>({ status: 'idle' });
  const [eventProblem, setEventProblem] = useState<string | null>(null);
  const [checkingIn, setCheckingIn] = useState(false);
  // A check-in the server refused as too early: kept here, so sending it again loses nothing.
  const [refusedCheckIn, setRefusedCheckIn] = useState<CheckInAnswers | null>(null);
  const online = useOnline();

  const setSession = useCallback((next: DosingSession) => {
    setSessionState(next);
    writeCachedSession(next);
  }, []);

  const load = useCallback(async () => {
    try {
      const fresh = await sessionsApi.get(patientId, sessionId);
      setSession(fresh);
      setLoadError(null);
      setNetworkDown(false);
    } catch (caught) {
      if (isApiError(caught, 'network_error')) setNetworkDown(true);
      setLoadError(
        caught instanceof ApiError ? caught : new ApiError('unexpected_response', errorMessage(caught), 0),
      );
    }
  }, [patientId, sessionId, setSession]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back online: ask again at once, so the screen (and its offline banner) catch up.
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void load();
    wasOnline.current = online;
  }, [online, load]);

  const onQueueChange = useCallback(
    (change: QueueOutcome) => {
      if (change.type === 'sent') {
        setNetworkDown(false);
        if (change.event.kind === 'help') {
          setHelp((current) =>
            current.status === 'shown'
              ? { status: 'shown', result: change.result as HelpResult, queued: false }
              : current,
          );
        } else {
          setSession(change.result as DosingSession);
        }
        return;
      }
      if (change.type !== 'failed') return;
      const { kind } = change.event;
      if (kind === 'dose' && isApiError(change.error, 'session_held')) {
        setDoseRefused(true);
      } else if (kind === 'dose' && isApiError(change.error, 'outside_dose_window')) {
        const window = change.error.details as { opensAt?: string; closesAt?: string } | undefined;
        setDoseProblem(
          window?.opensAt && window.closesAt
            ? `It is outside your dose window: you can take your dose ${doseWindowWords({ opensAt: window.opensAt, closesAt: window.closesAt })}. Your dose was not recorded.`
            : `${errorMessage(change.error)} Your dose was not recorded.`,
        );
      } else if (kind === 'check-in' && isApiError(change.error, 'check_in_not_open')) {
        // Honest, not swallowed: the check-in did not reach the care team, and here is when it can.
        setRefusedCheckIn(change.event.payload as unknown as CheckInAnswers);
        const opensAt = (change.error.details as { opensAt?: string } | undefined)?.opensAt;
        setEventProblem(
          `Your check-in was not sent: it opens ${opensAt ? `at ${formatClockTime(opensAt)}` : 'later'}. Your answers are kept on this phone; send them again then.`,
        );
      } else if (kind === 'dose') {
        setDoseProblem(`${errorMessage(change.error)} Your dose was not recorded.`);
      } else {
        setEventProblem(failureWords(kind, change.error));
      }
      void load();
    },
    [load, setSession],
  );
  const pending = useSessionEvents(sessionId, onQueueChange);
  const pendingOf = (kind: QueuedEventKind) => pending.find((event) => event.kind === kind);
  const pendingDose = pendingOf('dose');
  const pendingCheckIn = pendingOf('check-in');
  const pendingRecheck = pendingOf('recheck');
  const retrying = pending.some((event) => event.attempts > 0);
  const offline = !online || networkDown || retrying;

  const dosedAt = session?.dosedAt ?? (pendingDose && !doseSubmitting ? pendingDose.occurredAt : null);
  const checkInAnswers: CheckInAnswers | null = session?.checkIn
    ? {
        sideEffects: session.checkIn.sideEffects,
        effect: session.checkIn.effect as CheckInAnswers['effect'],
        experience: session.checkIn.experience,
        mood: session.checkIn.mood,
        ...(session.checkIn.note ? { note: session.checkIn.note } : {}),
      }
    : pendingCheckIn
      ? (pendingCheckIn.payload as unknown as CheckInAnswers)
      : null;

  const { phase, preDoseStep, steps, pollEveryMs } = sessionPhase({
    session,
    override,
    dosedAt,
    checkedIn: checkInAnswers !== null,
  });
  const confirmed = Boolean(session?.supportConfirmedAt);

  // The support step stays on screen once shown, so "they're here" is seen before moving on.
  useEffect(() => {
    if (phase === 'pre-dose' && preDoseStep === 'support' && !confirmed) setOverride('support');
  }, [phase, preDoseStep, confirmed]);

  useEffect(() => {
    if (pollEveryMs === null) return;
    const timer = window.setInterval(() => void load(), pollEveryMs);
    return () => window.clearInterval(timer);
  }, [pollEveryMs, load]);

  async function runSafetyCheck() {
    if (checking) return;
    setChecking(true);
    setCheckProblem(null);
    setDoseRefused(false);
    try {
      setSession(await sessionsApi.checkReadiness(patientId, sessionId));
    } catch (caught) {
      setCheckProblem(
        isApiError(caught, 'network_error')
          ? 'You seem to be offline. The safety check needs a connection; try again when you are back online.'
          : errorMessage(caught),
      );
    } finally {
      setChecking(false);
    }
  }

  async function takeDose() {
    setDoseProblem(null);
    // One press, one key: a retry (or a second press while it waits) reuses the queued event.
    if (!pendingDose) {
      sessionQueue.enqueue({
        key: newIdempotencyKey('dose'),
        kind: 'dose',
        patientId,
        sessionId,
        occurredAt: new Date().toISOString(),
        payload: {},
      });
    }
    setDoseSubmitting(true);
    try {
      await sessionQueue.flush();
    } finally {
      setDoseSubmitting(false);
    }
  }

  function requestHelp() {
    setHelp({ status: 'shown', result: null, queued: false });
    requestSessionHelp(patientId, sessionId, () =>
      setHelp((current) =>
        current.status === 'shown' && !current.result ? { ...current, queued: true } : current,
      ),
    );
  }

  function queueEvent(kind: 'recheck' | 'check-in', payload: Record<string, unknown>) {
    setEventProblem(null);
    sessionQueue.enqueue({
      key: newIdempotencyKey(kind),
      kind,
      patientId,
      sessionId,
      occurredAt: new Date().toISOString(),
      payload,
    });
    void sessionQueue.flush();
  }

  return {
    session,
    setSession,
    loadError,
    load,
    offline,
    pending,
    pendingCheckIn,
    pendingRecheck,
    dosedAt,
    checkInAnswers,
    phase,
    preDoseStep,
    steps,
    setOverride,
    checking,
    checkProblem,
    runSafetyCheck,
    doseProblem,
    doseRefused,
    takeDose,
    help,
    setHelp,
    requestHelp,
    eventProblem,
    queueEvent,
    checkingIn,
    setCheckingIn,
    refusedCheckIn,
    setRefusedCheckIn,
  };
}

function failureWords(kind: QueuedEventKind, error: unknown): string {
  const what = {
    dose: 'Your dose',
    help: 'Your help request',
    recheck: 'Your blood-pressure reading',
    'check-in': 'Your check-in',
    'hard-moment': 'Your note of a hard moment',
  }[kind];
  const help = kind === 'help' ? ' Please call your clinic, or 911 in an emergency.' : ' Please try again.';
  return `${what} could not be saved: ${errorMessage(error)}${help}`;
}
