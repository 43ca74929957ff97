import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  type AuditCatalogue,
  type AuditEvent,
  type AuditFilters,
  type AuditKindInfo,
  type AuditVerification,
  adminApi,
} from '../../api/admin';
import type { Role } from '../../api/auth';
import { type ApiData, errorMessage, useApiData } from '../../api/useApiData';
import { ROLE_LABEL } from '../../auth/roles';
import { SelectField, TextField } from '../../components/form/Field';
import { Notice } from '../../components/Notice';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/DataTable.css';
import '../../components/form/Field.css';
import './Admin.css';
import { DataTable } from '../../components/DataTable';
import { ActionButton } from '../../components/SubmitButton';
import { AuditKinds } from './AuditKinds';

const FILTER_KEYS = ['actorUserId', 'patientId', 'action', 'subtype', 'outcome', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const ACTIONS: [string, string][] = [
  ['C', 'Create'],
  ['R', 'Read'],
  ['U', 'Update'],
  ['D', 'Delete'],
  ['E', 'Execute (sign-in, export, other actions)'],
];
const ACTION_WORD: Record<string, string> = {
  C: 'Create',
  R: 'Read',
  U: 'Update',
  D: 'Delete',
  E: 'Execute',
};
const OUTCOMES = ['success', 'failure', 'denied'];
const PAGE_SIZE = 50;

function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function AuditPage() {
  useDocumentTitle('Audit trail');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const filterKey = JSON.stringify(filters);

  const verification = useApiData(() => adminApi.verifyAudit(), []);
  const staff = useApiData(() => adminApi.listStaff(), []);
  const catalogue = useApiData(() => adminApi.auditCatalogue(), []);
  const firstPage = useApiData(() => adminApi.listAudit(filters, undefined, PAGE_SIZE), [filterKey]);
  const [more, setMore] = useState<{ key: string; items: AuditEvent[]; nextCursor: string | null } | null>(
    null,
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const extra = more?.key === filterKey ? more : null;
  const events = useMemo(
    () => [...(firstPage.data?.items ?? []), ...(extra?.items ?? [])],
    [firstPage.data, extra],
  );
  const nextCursor = extra ? extra.nextCursor : (firstPage.data?.nextCursor ?? null);

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await adminApi.listAudit(filters, nextCursor, PAGE_SIZE);
      setMore({
        key: filterKey,
        items: [...(extra?.items ?? []), ...page.items],
        nextCursor: page.nextCursor,
      });
    } catch (caught) {
      setMoreError(errorMessage(caught));
    } finally {
      setLoadingMore(false);
    }
  }

  // People to filter by: staff, plus anyone (patients, support people) seen in the events shown.
  const actors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const member of staff.data?.items ?? []) byId.set(member.userId, member.displayName);
    for (const event of events) {
      if (event.actorUserId && !byId.has(event.actorUserId)) {
        byId.set(event.actorUserId, event.actorName ?? event.actorUserId);
      }
    }
    if (filters.actorUserId && !byId.has(filters.actorUserId))
      byId.set(filters.actorUserId, filters.actorUserId);
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [staff.data, events, filters.actorUserId]);

  // Event types come from the catalogue, so the filter offers every kind that exists and no other.
  const kinds = useMemo(() => kindsByName(catalogue.data), [catalogue.data]);

  function filterLink(key: FilterKey, value: string): string {
    const next = new URLSearchParams(params);
    next.set(key, value);
    return `?${next.toString()}`;
  }

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Audit trail</h1>
        <p className="lead">
          Every sign-in, every read and change of health data, and every administrative action, in order.
        </p>
      </div>

      <ChainStatus verification={verification} />

      <section className="panel" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">Filter</h2>
        <AuditFilterForm
          key={filterKey}
          filters={filters}
          actors={actors}
          kinds={[...kinds.values()]}
          onApply={(next) => setParams(next, { replace: false })}
        />
        {catalogue.data ? (
          <AuditKinds catalogue={catalogue.data} linkFor={(kind) => filterLink('subtype', kind)} />
        ) : null}
      </section>

      <section className="home-section" aria-labelledby="audit-results-title">
        <h2 id="audit-results-title" className="visually-hidden">
          Events
        </h2>
        <p role="status" className="muted">
          {firstPage.status === 'ready'
            ? events.length === 0
              ? 'No events match these filters.'
              : `Showing ${events.length} ${events.length === 1 ? 'event' : 'events'}, newest first${
                  nextCursor ? '' : ' (all that match)'
                }.`
            : ''}
        </p>
        {firstPage.status === 'loading' ? <p className="muted">Loading events…</p> : null}
        {firstPage.status === 'error' ? (
          <Notice tone="caution" role="alert" title="We could not load the audit trail">
            <p>{firstPage.error.message}</p>
          </Notice>
        ) : null}
        {events.length > 0 ? (
          <DataTable
            captionId="audit-table-caption"
            caption="Audit events, newest first"
            columns={['When', 'Who', 'Action', 'What', 'Patient', 'Outcome', 'IP address', '#']}
          >
            {events.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(event.occurredAt)}
                </th>
                <td>
                  {event.actorUserId ? (
                    <Link to={filterLink('actorUserId', event.actorUserId)}>
                      {event.actorName ?? 'Unknown person'}
                    </Link>
                  ) : (
                    <span className="muted">{event.actorName ?? 'Nobody signed in'}</span>
                  )}
                  {event.actorRole ? (
                    <span className="data-table__sub">
                      {ROLE_LABEL[event.actorRole as Role] ?? event.actorRole}
                    </span>
                  ) : null}
                </td>
                <td className="nowrap">
                  <strong>{event.action}</strong>
                  <span className="data-table__sub">{ACTION_WORD[event.action] ?? ''}</span>
                </td>
                <td>
                  <code>{event.subtype}</code>
                  {kinds.get(event.subtype) ? (
                    <span className="data-table__sub">{kinds.get(event.subtype)?.description}</span>
                  ) : null}
                  {event.entityType ? (
                    <span className="data-table__sub">
                      {event.entityType}
                      {event.entityId ? ` ${event.entityId.slice(0, 8)}…` : ''}
                    </span>
                  ) : null}
                </td>
                <td>
                  {event.patientId ? (
                    <Link to={filterLink('patientId', event.patientId)} className="mono">
                      {event.patientId.slice(0, 8)}…
                      <span className="visually-hidden"> (show only this patient)</span>
                    </Link>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td>
                  <span
                    className={`badge ${event.outcome === 'success' ? 'badge--ok' : event.outcome === 'denied' ? 'badge--alarm' : 'badge--caution'}`}
                  >
                    {event.outcome}
                  </span>
                </td>
                <td className="mono nowrap">{event.ip ?? ''}</td>
                <td className="mono">{event.seq}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        {moreError ? (
          <Notice tone="caution" role="alert">
            <p>{moreError}</p>
          </Notice>
        ) : null}
        {nextCursor ? (
          <div className="audit-more">
            <ActionButton quiet onClick={loadMore} pending={loadingMore} pendingLabel="Loading…">
              Load older events
            </ActionButton>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function ChainStatus({ verification }: { verification: ApiData<AuditVerification> }) {
  if (verification.status === 'loading') {
    return (
      <Notice tone="info" role="status">
        <p>Checking that the audit trail has not been altered…</p>
      </Notice>
    );
  }
  if (verification.status === 'error') {
    return (
      <Notice tone="caution" role="status" title="The tamper check could not run">
        <p>{verification.error.message}</p>
      </Notice>
    );
  }
  const { intact, checked, firstBroken } = verification.data;
  if (intact) {
    return (
      <Notice tone="ok" role="status" title="The audit trail is intact">
        <p>
          All {checked.toLocaleString()} entries check out: each one is linked to the one before by a
          cryptographic hash, so none has been changed or removed.
        </p>
      </Notice>
    );
  }
  return (
    <Notice tone="alarm" role="alert" title="The audit trail has been altered">
      <p>
        {firstBroken
          ? `Entry #${firstBroken.seq} does not match the chain (${firstBroken.reason}). `
          : 'An entry does not match the chain. '}
        Entries from there on may have been changed, inserted or removed. Keep a copy of the database as it is
        now and tell your security lead.
      </p>
    </Notice>
  );
}

interface AuditFilterFormProps {
  filters: AuditFilters;
  actors: [string, string][];
  kinds: AuditKindInfo[];
  onApply: (params: URLSearchParams) => void;
}

function AuditFilterForm({ filters, actors, kinds, onApply }: AuditFilterFormProps) {
  const [draft, setDraft] = useState<Record<FilterKey, string>>(() => {
    const initial = {} as Record<FilterKey, string>;
    for (const key of FILTER_KEYS) initial[key] = filters[key] ?? '';
    return initial;
  });
  const [dateError, setDateError] = useState<string | null>(null);
  const set = (key: FilterKey) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateError('The end date is before the start date.');
      return;
    }
    setDateError(null);
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = draft[key].trim();
      if (value) params.set(key, value);
    }
    onApply(params);
  }

  const active = Object.keys(filters).length > 0;

  return (
    <form className="audit-filters" onSubmit={apply} noValidate>
      <div className="form-row">
        <SelectField label="Person" value={draft.actorUserId} onChange={set('actorUserId')}>
          <option value="">Anyone</option>
          {actors.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Patient ID"
          spellCheck={false}
          autoComplete="off"
          value={draft.patientId}
          onChange={set('patientId')}
        />
        <SelectField label="Action" value={draft.action} onChange={set('action')}>
          <option value="">Any action</option>
          {ACTIONS.map(([code, label]) => (
            <option key={code} value={code}>
              {code} · {label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Event type"
          hint="Matches the start: auth.login also finds auth.login.failed"
          list="audit-subtypes"
          spellCheck={false}
          autoComplete="off"
          value={draft.subtype}
          onChange={set('subtype')}
        />
        <datalist id="audit-subtypes">
          {kinds.map((kind) => (
            <option key={kind.kind} value={kind.kind} label={kind.description} />
          ))}
        </datalist>
        <SelectField label="Outcome" value={draft.outcome} onChange={set('outcome')}>
          <option value="">Any outcome</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </SelectField>
        <TextField label="From" type="date" value={draft.from} onChange={set('from')} />
        <TextField label="To" type="date" value={draft.to} error={dateError} onChange={set('to')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        {active ? (
          <Link to="/admin/audit" className="button button-quiet">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function kindsByName(catalogue: AuditCatalogue | undefined): Map<string, AuditKindInfo> {
  return new Map(
    (catalogue?.groups ?? []).flatMap((group) => group.kinds.map((kind) => [kind.kind, kind] as const)),
  );
}
