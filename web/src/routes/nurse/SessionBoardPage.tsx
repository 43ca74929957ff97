import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { alertsApi, type SafetyAlert } from '../../api/alerts';
import { type Board, type BoardItem, type BoardReading, type BoardStatus, boardApi } from '../../api/board';
import { ApiError, isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { AlertsSummary } from '../../components/AlertsSummary';
import { TextAreaField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { formatCalendarDate } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { BoardContacts } from './BoardContacts';
import '../../components/DataTable.css';
import '../../components/HomePage.css';
import './Board.css';
import { EmptyState } from '../../components/EmptyState';
import { ActionButton, SubmitButton } from '../../components/SubmitButton';

export const BOARD_REFRESH_MS = 5_000;

const STATUS_LABEL: Record<BoardStatus, string> = {
  scheduled: 'Scheduled',
  preparing: 'Preparing',
  held: 'On hold',
  cleared: 'Cleared to dose',
  in_session: 'In session',
  checked_in: 'Checked in',
  missed: 'Missed',
  cancelled: 'Cancelled',
};

const STATUS_TONE: Record<BoardStatus, string> = {
  scheduled: 'badge--muted',
  preparing: 'badge--muted',
  held: 'badge--caution',
  cleared: 'badge--ok',
  in_session: 'badge--ok',
  checked_in: 'badge--muted',
  missed: 'badge--caution',
  cancelled: 'badge--muted',
};

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const at = (iso: string) => time.format(new Date(iso));

/** The day's readings are holding the session: a nurse or clinician may lift it, with a reason. */
const LIFTABLE = new Set(['retake_waiting', 'retake_open', 'staff_needed']);
const canLiftHold = (item: BoardItem) =>
  Boolean(item.vitalsCheck && LIFTABLE.has(item.vitalsCheck.status)) &&
  ['scheduled', 'preparing', 'held', 'cleared'].includes(item.status);

const VITALS_CHECK_NOTE: Partial<Record<NonNullable<BoardItem['vitalsCheck']>['status'], string>> = {
  retake_waiting: 'Rested retake not open yet',
  retake_open: 'Rested retake open now',
  retake_within: 'Rested retake within the limits',
  staff_needed: 'Retake also high: needs a nurse or clinician',
};

/** What each reading of the day was: before the dose (the first, the retake, later ones) or the recheck. */
function readingKinds(readings: readonly BoardReading[]): string[] {
  let preDose = 0;
  let firstHigh = -1;
  return readings.map((reading) => {
    if (reading.context === 'recheck') return 'Recheck';
    if (reading.context !== 'pre_dose') return 'Other';
    const index = preDose;
    preDose += 1;
    if (firstHigh === -1 && reading.overLimit) {
      firstHigh = index;
      return index === 0 ? 'First' : 'Later';
    }
    if (index === 0) return 'First';
    return firstHigh !== -1 && index === firstHigh + 1 ? 'Retake' : 'Later';
  });
}

/** Help requests first, then holds, then by time: the order a nurse should look in. */
function urgency(item: BoardItem): number {
  if (item.helpRequested && item.status !== 'checked_in') return 0;
  if (item.status === 'held') return 1;
  return 2;
}

export function sortBoard(items: BoardItem[]): BoardItem[] {
  return [...items].sort(
    (a, b) => urgency(a) - urgency(b) || Date.parse(a.scheduledFor) - Date.parse(b.scheduledFor),
  );
}

/** What changed between two refreshes, in a sentence or two for a screen reader. */
export function describeBoardChanges(before: BoardItem[], after: BoardItem[]): string | null {
  const previous = new Map(before.map((item) => [item.sessionId, item]));
  const lines: string[] = [];
  for (const item of after) {
    const old = previous.get(item.sessionId);
    if (!old) {
      lines.push(
        `New on the board: ${item.patientName}, session ${item.number} at ${at(item.scheduledFor)}.`,
      );
      continue;
    }
    if (item.helpRequested && !old.helpRequested) lines.push(`Urgent: ${item.patientName} asked for help.`);
    if (item.status !== old.status)
      lines.push(`${item.patientName}: now ${STATUS_LABEL[item.status].toLowerCase()}.`);
    if (item.supportConfirmed && !old.supportConfirmed) {
      lines.push(`${item.patientName}: support person confirmed.`);
    }
    if (item.liveMonitorName && item.liveMonitorName !== old.liveMonitorName) {
      lines.push(`${item.patientName}: ${item.liveMonitorName} joined live.`);
    }
    if (item.readings.length > old.readings.length) {
      const last = item.readings.at(-1)!;
      lines.push(
        `${item.patientName}: new reading ${last.systolic}/${last.diastolic}${last.overLimit ? ', above the limit' : ''}.`,
      );
    }
    if (item.recheckLate && !old.recheckLate) lines.push(`${item.patientName}: recheck late.`);
  }
  return lines.length > 0 ? lines.join(' ') : null;
}

/**
 * Today's sessions on my patients, live: it asks again every 5 seconds without reloading the
 * page, and says what changed in a polite live region. Help requests lead, marked urgent.
 */
export function SessionBoardPage() {
  useDocumentTitle("Today's sessions");
  const me = useMe();
  const isClinician = me.role === 'clinician';
  const [board, setBoard] = useState<Board | null>(null);
  const [alerts, setAlerts] = useState<SafetyAlert[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [joining, setJoining] = useState<string | null>(null);
  const boardRef = useRef<Board | null>(null);
  const inFlight = useRef(false);

  const refresh = useCallback(async (signal?: AbortSignal) => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const [next, active] = await Promise.all([
        boardApi.board(undefined, signal),
        alertsApi.listActive().catch(() => null),
      ]);
      const previous = boardRef.current;
      boardRef.current = next;
      setBoard(next);
      if (active) setAlerts(active.items);
      setLoadError(null);
      setUpdatedAt(new Date());
      if (previous) {
        const change = describeBoardChanges(previous.items, next.items);
        if (change) setAnnouncement(change);
      }
    } catch (caught) {
      if (caught instanceof DOMException && caught.name === 'AbortError') return;
      setLoadError(caught instanceof ApiError ? caught.message : errorMessage(caught));
    } finally {
      inFlight.current = false;
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void refresh(controller.signal);
    const timer = window.setInterval(() => void refresh(controller.signal), BOARD_REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [refresh]);

  async function joinLive(item: BoardItem) {
    if (joining) return;
    setJoining(item.sessionId);
    setRowErrors((current) => ({ ...current, [item.sessionId]: '' }));
    try {
      await boardApi.joinLive(item.patientId, item.sessionId);
      await refresh();
    } catch (caught) {
      setRowErrors((current) => ({ ...current, [item.sessionId]: errorMessage(caught) }));
    } finally {
      setJoining(null);
    }
  }

  const items = board ? sortBoard(board.items) : [];
  const heldToday = items.filter((item) => item.wasHeld).length;
  const homePath = isClinician ? '/clinician' : '/nurse';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <div className="container page board">
      <div className="page__header">
        <h1>Today's sessions</h1>
        <p className="lead">
          {board ? `${formatCalendarDate(board.date)}. ` : ''}Sessions on your patients, help requests first.
          This board updates itself every 5 seconds.
          {board ? ` Sessions held today: ${heldToday === 0 ? 'none' : heldToday}.` : ''}
        </p>
        <p className="board__updated muted">
          {updatedAt
            ? `Last updated ${clock.format(updatedAt)}. Times in your time zone (${zone}).`
            : 'Loading…'}
        </p>
      </div>

      <AlertsSummary alerts={alerts} homePath={homePath} />

      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {loadError ? (
        <Notice tone="caution" role="alert" title="The board could not refresh">
          <p>
            {loadError} It tries again every 5 seconds{board ? '; what you see may be out of date' : ''}.
          </p>
        </Notice>
      ) : null}

      {board && items.length === 0 ? (
        <EmptyState title="No sessions today">
          <p>Sessions scheduled for today on your patients appear here, and update as they happen.</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="table-scroll" aria-labelledby="board-caption" tabIndex={0}>
          <table className="data-table board-table">
            <caption id="board-caption">
              {items.length} {items.length === 1 ? 'session' : 'sessions'} today, help requests and holds
              first
            </caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Time</th>
                <th scope="col">Status</th>
                <th scope="col">Safety</th>
                <th scope="col">Support person</th>
                <th scope="col">Live monitor</th>
                <th scope="col">Readings today</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <BoardRow
                  key={item.sessionId}
                  item={item}
                  linkToTreatment={isClinician}
                  joining={joining === item.sessionId}
                  error={rowErrors[item.sessionId]}
                  onJoin={() => joinLive(item)}
                  onLifted={async () => {
                    setAnnouncement(`${item.patientName}: hold lifted.`);
                    await refresh();
                  }}
                />
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

function BoardRow({
  item,
  linkToTreatment,
  joining,
  error,
  onJoin,
  onLifted,
}: {
  item: BoardItem;
  linkToTreatment: boolean;
  joining: boolean;
  error: string | undefined;
  onJoin: () => void;
  onLifted: () => Promise<void>;
}) {
  const urgent = item.helpRequested && item.status !== 'checked_in';
  const canJoin =
    item.firstSession &&
    !item.liveMonitorName &&
    !['checked_in', 'missed', 'cancelled'].includes(item.status);
  return (
    <tr className={urgent ? 'board-row board-row--urgent' : 'board-row'}>
      <th scope="row">
        {item.chartPath ? (
          <Link to={item.chartPath}>{item.patientName}</Link>
        ) : linkToTreatment ? (
          <Link to={`/clinician/patients/${encodeURIComponent(item.patientId)}/treatment`}>
            {item.patientName}
          </Link>
        ) : (
          item.patientName
        )}
        <span className="data-table__sub">
          Session {item.number}
          {item.firstSession ? ', first session' : ''}
        </span>
        <BoardContacts item={item} />
      </th>
      <td className="nowrap">{at(item.scheduledFor)}</td>
      <td>
        <span className={`badge ${STATUS_TONE[item.status]}`}>{STATUS_LABEL[item.status]}</span>
        {item.dosedAt ? (
          <span className="data-table__sub">
            Dosed {at(item.dosedAt)}
            {item.doseMg !== null ? `, ${item.doseMg} mg` : ''}
          </span>
        ) : null}
        {item.status === 'in_session' && item.recheckDueAt ? (
          <span className="data-table__sub">Blood-pressure recheck due {at(item.recheckDueAt)}</span>
        ) : null}
        {item.status === 'in_session' && item.checkInOpensAt ? (
          <span className="data-table__sub">Check-in opens {at(item.checkInOpensAt)}</span>
        ) : null}
        {item.status === 'in_session' && item.checkInDueAt ? (
          <span className="data-table__sub">Check-in due by {at(item.checkInDueAt)}</span>
        ) : null}
        {item.recheckLate ? <span className="badge badge--caution board__late">Recheck late</span> : null}
      </td>
      <td className="board__safety">
        {urgent ? <strong className="badge badge--alarm board__help">Urgent: help requested</strong> : null}
        {item.helpRequested && !urgent ? <span className="data-table__sub">Help was requested</span> : null}
        {item.holdReasons.length > 0 ? (
          <ul className="data-table__list board__holds">
            {item.holdReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
        {item.vitalsCheck && VITALS_CHECK_NOTE[item.vitalsCheck.status] ? (
          <span className="data-table__sub">
            {VITALS_CHECK_NOTE[item.vitalsCheck.status]}
            {item.vitalsCheck.status === 'retake_waiting' && item.vitalsCheck.opensAt
              ? ` (opens ${at(item.vitalsCheck.opensAt)})`
              : ''}
          </span>
        ) : null}
        {item.holdLift ? (
          <span className="data-table__sub board__lift">
            Hold lifted by {item.holdLift.byName}, {at(item.holdLift.at)}
            {item.holdLift.reason ? `: “${item.holdLift.reason}”` : ''}
          </span>
        ) : null}
        {item.wasHeld && item.status !== 'held' && !item.holdLift ? (
          <span className="data-table__sub">Held earlier today</span>
        ) : null}
        {!item.helpRequested && item.holdReasons.length === 0 && !item.wasHeld ? (
          <span className="muted">Nothing raised</span>
        ) : null}
        {canLiftHold(item) ? <LiftHoldForm item={item} onLifted={onLifted} /> : null}
      </td>
      <td>{item.supportConfirmed ? 'Confirmed' : <span className="muted">Not yet confirmed</span>}</td>
      <td>
        {item.liveMonitorName ? (
          item.liveMonitorName
        ) : canJoin ? (
          <>
            <span className="data-table__sub board__needed">Needed before the dose</span>
            <ActionButton
              small
              aria-label={`Join live: ${item.patientName}`}
              onClick={onJoin}
              pending={joining}
              pendingLabel="Joining…"
            >
              Join live
            </ActionButton>
          </>
        ) : (
          <span className="muted">{item.firstSession ? 'Nobody' : 'Not needed'}</span>
        )}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td>
        <Readings readings={item.readings} />
      </td>
    </tr>
  );
}

/** Every reading of the day, in order: none is replaced by a later one. */
function Readings({ readings }: { readings: readonly BoardReading[] }) {
  if (readings.length === 0) return <span className="muted">None yet</span>;
  const kinds = readingKinds(readings);
  return (
    <ul className="data-table__list board__readings">
      {readings.map((reading, index) => (
        <li
          key={`${reading.takenAt}-${reading.context}-${reading.systolic}-${reading.diastolic}`}
          className="nowrap"
        >
          <span className="board__reading-kind">{kinds[index]}</span> {at(reading.takenAt)}:{' '}
          <strong>
            {reading.systolic ?? '–'}/{reading.diastolic ?? '–'}
          </strong>{' '}
          mmHg, {reading.heartRate ?? '–'} bpm
          {reading.overLimit ? (
            <span className="badge badge--caution board__over">Above the limit</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const MIN_REASON = 10;

/** "Lift the hold": a small form in the row, a written reason required (audited, and shown to the patient). */
function LiftHoldForm({ item, onLifted }: { item: BoardItem; onLifted: () => Promise<void> }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const fieldId = `${id}-reason`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setError(`Write why the session may go ahead, in at least ${MIN_REASON} characters.`);
      document.getElementById(fieldId)?.focus();
      return;
    }
    setError(null);
    setPending(true);
    try {
      await boardApi.liftHold(item.patientId, item.sessionId, { reason: text });
      setOpen(false);
      setReason('');
      await onLifted();
    } catch (caught) {
      const gone = isApiError(caught, 'no_hold_to_lift');
      setError(
        gone
          ? 'There is no hold on the readings to lift any more. The board will refresh.'
          : errorMessage(caught),
      );
      document.getElementById(fieldId)?.focus();
      if (gone) await onLifted();
    } finally {
      setPending(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        className="button button-quiet button-small board__lift-button"
        aria-label={`Lift the hold: ${item.patientName}`}
        onClick={() => {
          setOpen(true);
          window.requestAnimationFrame(() => document.getElementById(fieldId)?.focus());
        }}
      >
        Lift the hold
      </button>
    );
  }
  return (
    <form
      className="board__lift-form"
      onSubmit={submit}
      noValidate
      aria-label={`Lift the hold: ${item.patientName}`}
    >
      <TextAreaField
        id={fieldId}
        label="Why the session may go ahead"
        hint="After speaking with the patient. At least 10 characters; the patient sees it, and it is on the record."
        error={error}
        value={reason}
        rows={3}
        maxLength={2000}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="form-actions">
        <SubmitButton pending={pending} pendingLabel="Lifting…" small>
          Lift the hold
        </SubmitButton>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => {
            setOpen(false);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
