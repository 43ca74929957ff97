import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { severityBand } from '../../../../../clinical/instruments';
import { isApiError } from '../../../api/client';
import {
  type PatientListPage as PatientListPageData,
  type PatientRisk,
  type PatientSort,
  type PatientSummary,
  patientsApi,
} from '../../../api/patients';
import { errorMessage } from '../../../api/useApiData';
import { LoadedAlertsSummary } from '../../../components/AlertsSummary';
import { SelectField, TextField } from '../../../components/form/Field';
import { Notice } from '../../../components/Notice';
import { JOURNEY_STAGE_LABEL } from '../../../domain/labels';
import { formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { treatmentPath } from './TitrationCard';
import '../../../components/DataTable.css';
import '../../../components/HomePage.css';
import './PatientList.css';
import './Treatment.css';
import { DataTable } from '../../../components/DataTable';
import { ActionButton } from '../../../components/SubmitButton';

const CARE_ROLE_LABEL = { prescriber: 'Prescriber', nurse: 'Nurse', coach: 'Coach' } as const;

const SORTS: { value: PatientSort; label: string }[] = [
  { value: 'name', label: 'Name (family name, A to Z)' },
  { value: 'latest_phq9', label: 'Latest PHQ-9 (highest first)' },
  { value: 'risk', label: 'Risk (most urgent alert first)' },
];
const SORT_CAPTION: Record<PatientSort, string> = {
  name: 'by family name',
  latest_phq9: 'highest latest PHQ-9 first',
  risk: 'most urgent safety alert first, then highest PHQ-9',
};
const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const SEARCH_ID = 'patient-search';

/** Risk in words and a badge: never colour alone. */
const RISK: Record<PatientRisk, { label: string; tone: string }> = {
  urgent: { label: 'Urgent alert', tone: 'badge--alarm' },
  high: { label: 'High alert', tone: 'badge--caution' },
  normal: { label: 'Alert', tone: 'badge--muted' },
  none: { label: 'No active alert', tone: '' },
};

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function readSort(value: string | null): PatientSort {
  return SORTS.some((sort) => sort.value === value) ? (value as PatientSort) : 'name';
}

function readPageSize(value: string | null): number {
  const size = Number(value);
  return (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      items: PatientSummary[];
      nextCursor: string | null;
      total: number;
      /** Loading the next page; the rows already shown stay. */
      more: 'idle' | 'loading' | { error: string };
    };

/**
 * The clinician's caseload: searched by name, sorted by name, latest PHQ-9 or risk, loaded a page
 * at a time (keyset paging, so it stays fast with thousands of patients). The search and sort stay
 * in the address, so they survive a visit to a patient and the back button.
 */
export function PatientListPage() {
  useDocumentTitle('Your patients');
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const sort = readSort(params.get('sort'));
  const pageSize = readPageSize(params.get('per'));
  const [draft, setDraft] = useState(search);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const firstNewRow = useRef<number | null>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Typing settles before the list reloads, so each keystroke does not cost a request.
  useEffect(() => {
    if (draft.trim() === search) return;
    const timer = window.setTimeout(() => update({ q: draft.trim() || null }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, search, update]);

  // A new search, sort or page size (or "Try again") starts again from the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is how "Try again" asks for a new load.
  useEffect(() => {
    const controller = new AbortController();
    setList((current) => (current.status === 'ready' ? current : { status: 'loading' }));
    patientsApi
      .list({ search, sort, limit: pageSize }, controller.signal)
      .then((page: PatientListPageData) =>
        setList({
          status: 'ready',
          items: page.items,
          nextCursor: page.nextCursor,
          total: page.total,
          more: 'idle',
        }),
      )
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setList({ status: 'error', message: errorMessage(caught) });
      });
    return () => controller.abort();
  }, [search, sort, pageSize, attempt]);

  // "/" jumps to the search box from anywhere on the page, as in the other queues.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      document.getElementById(SEARCH_ID)?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // After "Load more", the cursor goes to the first new patient, so keyboard users carry on reading.
  useEffect(() => {
    if (list.status !== 'ready' || firstNewRow.current === null) return;
    const index = firstNewRow.current;
    firstNewRow.current = null;
    tableRef.current?.querySelectorAll<HTMLAnchorElement>('tr > th a')[index]?.focus();
  }, [list]);

  async function loadMore() {
    if (list.status !== 'ready' || !list.nextCursor || list.more === 'loading') return;
    const shown = list.items.length;
    setList({ ...list, more: 'loading' });
    try {
      const page = await patientsApi.list({ search, sort, limit: pageSize, cursor: list.nextCursor });
      firstNewRow.current = page.items.length > 0 ? shown : null;
      setList({
        status: 'ready',
        items: [...list.items, ...page.items],
        nextCursor: page.nextCursor,
        total: page.total,
        more: 'idle',
      });
    } catch (caught) {
      const message = isApiError(caught)
        ? caught.message
        : 'Something went wrong while loading more patients. Please try again.';
      setList({ ...list, more: { error: message } });
    }
  }

  const ready = list.status === 'ready' ? list : null;

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Your patients</h1>
        <p className="lead">Everyone whose care team you are on, with their latest scores and risk.</p>
      </div>
      <LoadedAlertsSummary homePath="/clinician" />

      <search aria-label="Find patients">
        <form
          className="patient-filters"
          onSubmit={(event) => {
            // Enter searches at once, without waiting for typing to settle.
            event.preventDefault();
            update({ q: draft.trim() || null });
          }}
        >
          <TextField
            id={SEARCH_ID}
            type="search"
            label="Search by name"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <SelectField
            label="Sort by"
            value={sort}
            onChange={(event) => update({ sort: event.target.value })}
          >
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Rows per page"
            value={String(pageSize)}
            onChange={(event) =>
              update({ per: Number(event.target.value) === DEFAULT_PAGE_SIZE ? null : event.target.value })
            }
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </SelectField>
        </form>
      </search>

      <p className="muted patient-hint">
        Matches the start of a first or family name. Press / to jump to the search box.
      </p>
      <p className="patient-count" role="status">
        {ready ? countText(ready.items.length, ready.total, search, ready.nextCursor !== null) : null}
      </p>

      {list.status === 'loading' ? <p className="muted">Loading your patients…</p> : null}
      {list.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load your patients">
          <p>{list.message}</p>
          <p>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={() => setAttempt((n) => n + 1)}
            >
              Try again
            </button>
          </p>
        </Notice>
      ) : null}
      {ready && ready.items.length === 0 ? (
        <div className="empty-state">
          {search ? (
            <>
              <p className="empty-state__title">No patient’s name starts with “{search}”</p>
              <p>Check the spelling, or search by the other name.</p>
            </>
          ) : (
            <>
              <p className="empty-state__title">No patients yet</p>
              <p>Patients join your caseload when you start their intake review.</p>
            </>
          )}
        </div>
      ) : null}
      {ready && ready.items.length > 0 ? (
        <DataTable
          captionId="patients-caption"
          caption={<>Your patients, {SORT_CAPTION[sort]}</>}
          columns={['Patient', 'Risk', 'Latest PHQ-9', 'Latest GAD-7', 'Where they are', 'You are', 'Intake']}
          className="patient-table"
          bodyRef={tableRef}
        >
          {ready.items.map((patient) => (
            <tr key={patient.id}>
              <th scope="row">
                <Link className="nowrap" to={treatmentPath(patient.id)}>
                  {patient.givenName} {patient.familyName}
                </Link>
              </th>
              <td className="nowrap">
                <RiskCell risk={patient.risk} />
              </td>
              <td className="nowrap">
                <ScoreCell instrument="phq9" score={patient.latestPhq9} at={patient.latestPhq9At} />
              </td>
              <td className="nowrap">
                <ScoreCell instrument="gad7" score={patient.latestGad7} at={patient.latestGad7At} />
              </td>
              <td>{JOURNEY_STAGE_LABEL[patient.journeyStage] ?? patient.journeyStage}</td>
              <td>{CARE_ROLE_LABEL[patient.careRole]}</td>
              <td>
                <Link className="nowrap" to={`/clinician/patients/${encodeURIComponent(patient.id)}/review`}>
                  Intake review
                  <span className="visually-hidden">
                    {' '}
                    of {patient.givenName} {patient.familyName}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {ready?.nextCursor ? (
        <div className="patient-more">
          <ActionButton quiet onClick={loadMore} pending={ready.more === 'loading'} pendingLabel="Loading…">
            {`Load ${pageSize} more`}
          </ActionButton>
          {typeof ready.more === 'object' ? (
            <p className="field__error" role="alert">
              {ready.more.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function countText(shown: number, total: number, search: string, more: boolean): string {
  const patients = `${total} ${total === 1 ? 'patient' : 'patients'}`;
  if (search) {
    return `${shown}${more ? '+' : ''} ${shown === 1 && !more ? 'match' : 'matches'} for “${search}” among your ${patients}${more ? '; load more to see the rest' : ''}.`;
  }
  return `Showing ${shown} of ${patients}.`;
}

function ScoreCell({
  instrument,
  score,
  at,
}: {
  instrument: 'phq9' | 'gad7';
  score: number | null;
  at: string | null;
}) {
  if (score === null) return <span className="muted">No score yet</span>;
  return (
    <>
      <strong className="patient-table__score">{score}</strong> {severityBand(instrument, score)}
      {at ? (
        <span className="data-table__sub">
          <time dateTime={at} title={formatDateTime(at)}>
            {dateOnly.format(new Date(at))}
          </time>
        </span>
      ) : null}
    </>
  );
}

function RiskCell({ risk }: { risk: PatientSummary['risk'] }) {
  if (risk === null) return <span className="muted">Not shown</span>;
  const { label, tone } = RISK[risk];
  return tone ? <span className={`badge ${tone}`}>{label}</span> : <span className="muted">{label}</span>;
}
