import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type Protocol, type ProtocolChange, protocolsApi, type TreatmentRoute } from '../../api/protocols';
import { useApiData } from '../../api/useApiData';
import { SelectField, TextAreaField, TextField } from '../../components/form/Field';
import { FormActions } from '../../components/form/FormActions';
import { NumberField } from '../../components/form/NumberField';
import { type FieldErrors, useFormDraft } from '../../components/form/useFormDraft';
import { VersionHistory } from '../../components/form/VersionHistory';
import { Notice } from '../../components/Notice';
import { ROUTE_LABEL } from '../../domain/labels';
import { describeChanges, diffRecords, formatSetting, SESSION_DAY_TIMING } from '../../domain/settings';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/DataTable.css';
import './Admin.css';
import './Protocols.css';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { PageLoadFailed, PageLoading } from '../../components/RouteLoading';

const protocolPath = (key: string) => `/admin/protocols/${encodeURIComponent(key)}`;

/** Protocol templates: the safety defaults every new plan starts from, each versioned. */
export function ProtocolsPage() {
  useDocumentTitle('Protocols');
  const protocols = useApiData(() => protocolsApi.list(), []);

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Protocols</h1>
        <p className="lead">
          The templates clinicians write treatment plans from: route, doses, session limits and the safety
          defaults each session is checked against. A change makes a new version; plans already written keep
          theirs.
        </p>
      </div>
      {protocols.status === 'loading' ? <p className="muted">Loading the protocols…</p> : null}
      {protocols.status === 'error' ? (
        <Notice tone="caution" role="alert" title="We could not load the protocols">
          <p>{protocols.error.message}</p>
        </Notice>
      ) : null}
      {protocols.status === 'ready' && protocols.data.items.length === 0 ? (
        <EmptyState title="No protocols yet" />
      ) : null}
      {protocols.status === 'ready' && protocols.data.items.length > 0 ? (
        <DataTable
          captionId="protocols-caption"
          caption="Protocols, each at its current version"
          columns={['Protocol', 'Route', 'Doses', 'Sessions', 'Hold at', 'Version']}
        >
          {protocols.data.items.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={protocolPath(p.key)}>{p.name}</Link>
                <span className="data-table__sub mono">{p.key}</span>
              </th>
              <td>{ROUTE_LABEL[p.route]}</td>
              <td>
                {p.startingDoseMg} mg to start
                <span className="data-table__sub">
                  {p.minDoseMg}–{p.maxDoseMg} mg, steps of {p.stepMg} mg
                </span>
              </td>
              <td>
                {p.sessionsPlanned}
                <span className="data-table__sub">at least {p.minHoursBetweenSessions} h apart</span>
              </td>
              <td className="nowrap">
                {p.bloodPressureLimit.systolic}/{p.bloodPressureLimit.diastolic} mmHg
                <span className="data-table__sub">
                  pulse outside {p.heartRateRange.min}–{p.heartRateRange.max} bpm
                </span>
              </td>
              <td>
                {p.version}
                <span className="data-table__sub">{formatDateTime(p.createdAt)}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}

// ——— one protocol ———

type NumberKey =
  | 'startingDoseMg'
  | 'stepMg'
  | 'minDoseMg'
  | 'maxDoseMg'
  | 'minHoursBetweenSessions'
  | 'sessionsPlanned'
  | 'bpSystolic'
  | 'bpDiastolic'
  | 'hrMin'
  | 'hrMax'
  | 'fastingHours'
  | 'checkInIntervalMinutes'
  | 'missedCheckInMinutes'
  | 'bpRecheckMinutes'
  | 'retakeAfterMinutes'
  | 'doseWindowBeforeMinutes'
  | 'doseWindowAfterMinutes'
  | 'recheckGraceMinutes'
  | 'observationMinutes';
type Field = 'name' | 'description' | 'route' | NumberKey | 'changeNote';
type Draft = Record<Field, string>;

/** Every number, with its unit in the label and what it does in the hint. */
const NUMBER_GROUPS: {
  legend: string;
  fields: { key: NumberKey; label: string; unit: string; hint?: string; decimal?: boolean }[];
}[] = [
  {
    legend: 'Doses',
    fields: [
      {
        key: 'startingDoseMg',
        label: 'Starting dose',
        unit: 'mg',
        hint: 'The first dose of a new plan.',
        decimal: true,
      },
      {
        key: 'stepMg',
        label: 'Step between doses',
        unit: 'mg',
        hint: 'How much titration changes a dose.',
        decimal: true,
      },
      { key: 'minDoseMg', label: 'Minimum dose', unit: 'mg', decimal: true },
      {
        key: 'maxDoseMg',
        label: 'Maximum dose',
        unit: 'mg',
        hint: 'No plan may go above this.',
        decimal: true,
      },
    ],
  },
  {
    legend: 'Sessions',
    fields: [
      { key: 'sessionsPlanned', label: 'Sessions planned', unit: 'sessions' },
      {
        key: 'minHoursBetweenSessions',
        label: 'Minimum time between sessions',
        unit: 'hours',
        hint: '72 hours is at most twice a week.',
      },
      { key: 'fastingHours', label: 'Fasting before the dose', unit: 'hours', decimal: true },
    ],
  },
  {
    legend: 'Safety checks before the dose',
    fields: [
      {
        key: 'bpSystolic',
        label: 'Hold at systolic blood pressure',
        unit: 'mmHg',
        hint: 'At or above; at most 160.',
      },
      {
        key: 'bpDiastolic',
        label: 'Hold at diastolic blood pressure',
        unit: 'mmHg',
        hint: 'At or above; at most 100.',
      },
      { key: 'hrMin', label: 'Lowest heart rate allowed', unit: 'bpm' },
      { key: 'hrMax', label: 'Highest heart rate allowed', unit: 'bpm' },
      {
        key: 'retakeAfterMinutes',
        label: 'Rested retake after a high reading',
        unit: 'minutes',
        hint: 'One retake after this much seated rest; 1 to 30. A second high reading waits for a nurse or clinician.',
      },
    ],
  },
  {
    legend: 'Dose window',
    fields: [
      {
        key: 'doseWindowBeforeMinutes',
        label: 'Dose window opens before the scheduled time',
        unit: 'minutes',
        hint: '0 to 240.',
      },
      {
        key: 'doseWindowAfterMinutes',
        label: 'Dose window closes after the scheduled time',
        unit: 'minutes',
        hint: '30 to 720. Outside the window the dose is refused.',
      },
    ],
  },
  {
    legend: 'During and after the session',
    fields: [
      { key: 'checkInIntervalMinutes', label: 'Support-person check-in every', unit: 'minutes' },
      {
        key: 'bpRecheckMinutes',
        label: 'Blood-pressure recheck after the dose',
        unit: 'minutes',
        hint: 'Blood pressure peaks about 40 minutes after a dose.',
      },
      {
        key: 'missedCheckInMinutes',
        label: 'Missed check-in escalates after',
        unit: 'minutes',
        hint: 'Counted from the dose; the care team is alerted, then alerted urgently.',
      },
      {
        key: 'recheckGraceMinutes',
        label: 'Recheck may be late by',
        unit: 'minutes',
        hint: '5 to 120. Later than this, the nurse is alerted.',
      },
      {
        key: 'observationMinutes',
        label: 'Observation before the check-in opens',
        unit: 'minutes',
        hint: '60 to 360, counted from the dose. Spravato’s REMS observes for at least 2 hours.',
      },
    ],
  },
];
const NUMBER_FIELDS = NUMBER_GROUPS.flatMap((group) => group.fields.map((field) => field.key));
const ALL_FIELDS: readonly Field[] = ['name', 'description', 'route', ...NUMBER_FIELDS, 'changeNote'];

const toDraft = (p: Protocol): Draft => ({
  name: p.name,
  description: p.description,
  route: p.route,
  startingDoseMg: String(p.startingDoseMg),
  stepMg: String(p.stepMg),
  minDoseMg: String(p.minDoseMg),
  maxDoseMg: String(p.maxDoseMg),
  minHoursBetweenSessions: String(p.minHoursBetweenSessions),
  sessionsPlanned: String(p.sessionsPlanned),
  bpSystolic: String(p.bloodPressureLimit.systolic),
  bpDiastolic: String(p.bloodPressureLimit.diastolic),
  hrMin: String(p.heartRateRange.min),
  hrMax: String(p.heartRateRange.max),
  fastingHours: String(p.fastingHours),
  checkInIntervalMinutes: String(p.checkInIntervalMinutes),
  missedCheckInMinutes: String(p.missedCheckInMinutes),
  bpRecheckMinutes: String(p.bpRecheckMinutes),
  retakeAfterMinutes: String(p.retakeAfterMinutes),
  doseWindowBeforeMinutes: String(p.doseWindowBeforeMinutes),
  doseWindowAfterMinutes: String(p.doseWindowAfterMinutes),
  recheckGraceMinutes: String(p.recheckGraceMinutes),
  observationMinutes: String(p.observationMinutes),
  changeNote: '',
});

/** Server paths ("bloodPressureLimit.systolic: …") to the field that shows the message. */
const PATH_TO_FIELD: Record<string, Field> = {
  'bloodPressureLimit.systolic': 'bpSystolic',
  'bloodPressureLimit.diastolic': 'bpDiastolic',
  'heartRateRange.min': 'hrMin',
  'heartRateRange.max': 'hrMax',
  changeNote: 'changeNote',
};

const VERSION_KEYS = [
  'name',
  'description',
  'route',
  'startingDoseMg',
  'stepMg',
  'minDoseMg',
  'maxDoseMg',
  'minHoursBetweenSessions',
  'sessionsPlanned',
  'bloodPressureLimit',
  'heartRateRange',
  'fastingHours',
  'checkInIntervalMinutes',
  'missedCheckInMinutes',
  'bpRecheckMinutes',
  ...SESSION_DAY_TIMING,
] as const;

/** One protocol: its settings as a form (saving makes a new version) and every version before. */
export function ProtocolPage() {
  const { key = '' } = useParams();
  const data = useApiData(() => Promise.all([protocolsApi.get(key), protocolsApi.versions(key)]), [key]);
  const current = data.status === 'ready' ? data.data[0] : undefined;
  useDocumentTitle(current ? `Protocol: ${current.name}` : 'Protocol');

  if (data.status === 'loading') {
    return <PageLoading>Loading the protocol…</PageLoading>;
  }
  if (data.status === 'error') {
    return (
      <PageLoadFailed
        heading="Protocol"
        title="We could not open this protocol"
        message={data.error.message}
        backTo="/admin/protocols"
        backLabel="Back to protocols"
      />
    );
  }
  const [protocol, versions] = data.data;

  return (
    <div className="container page">
      <div className="page__header">
        <p>
          <Link to="/admin/protocols">Protocols</Link>
        </p>
        <h1>{protocol.name}</h1>
        <p className="muted">
          <span className="mono">{protocol.key}</span> · Version {protocol.version}, saved{' '}
          {formatDateTime(protocol.createdAt)}
          {protocol.createdByName ? ` by ${protocol.createdByName}` : ''}
        </p>
      </div>
      <ProtocolForm protocol={protocol} onReload={data.reload} />
      <ProtocolVersions versions={versions.items} />
    </div>
  );
}

function ProtocolForm({ protocol, onReload }: { protocol: Protocol; onReload: () => Promise<void> }) {
  // A newer version arrived (after saving, or a reload after a conflict): keep only this admin's own edits.
  const form = useFormDraft({
    fields: ALL_FIELDS,
    values: toDraft(protocol),
    version: protocol.version,
    aliases: PATH_TO_FIELD,
  });
  const { formId, field, ids, draft, errors, set } = form;
  const baseVersion = form.base.version ?? protocol.version;
  const [message, setMessage] = useState<{
    tone: 'ok' | 'caution' | 'info';
    title: string;
    text?: string;
  } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [pending, setPending] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);

  const show = (next: typeof message) => {
    setMessage(next);
    window.requestAnimationFrame(() => messageRef.current?.focus());
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: FieldErrors<Field> = {};
    const numbers = {} as Record<NumberKey, number>;
    for (const field of NUMBER_FIELDS) {
      const value = draft[field].trim() === '' ? Number.NaN : Number(draft[field]);
      if (!Number.isFinite(value)) found[field] = 'Enter a number.';
      else numbers[field] = value;
    }
    if (draft.name.trim().length < 3) found.name = 'Give the protocol a name of at least 3 characters.';
    if (draft.changeNote.trim().length < 3) found.changeNote = 'Say what changed and why.';
    setMessage(null);
    if (form.showErrors(found)) return;
    const change: ProtocolChange = {
      name: draft.name.trim(),
      description: draft.description.trim(),
      route: draft.route as TreatmentRoute,
      startingDoseMg: numbers.startingDoseMg,
      stepMg: numbers.stepMg,
      minDoseMg: numbers.minDoseMg,
      maxDoseMg: numbers.maxDoseMg,
      minHoursBetweenSessions: numbers.minHoursBetweenSessions,
      sessionsPlanned: numbers.sessionsPlanned,
      bloodPressureLimit: { systolic: numbers.bpSystolic, diastolic: numbers.bpDiastolic },
      heartRateRange: { min: numbers.hrMin, max: numbers.hrMax },
      fastingHours: numbers.fastingHours,
      checkInIntervalMinutes: numbers.checkInIntervalMinutes,
      missedCheckInMinutes: numbers.missedCheckInMinutes,
      bpRecheckMinutes: numbers.bpRecheckMinutes,
      retakeAfterMinutes: numbers.retakeAfterMinutes,
      doseWindowBeforeMinutes: numbers.doseWindowBeforeMinutes,
      doseWindowAfterMinutes: numbers.doseWindowAfterMinutes,
      recheckGraceMinutes: numbers.recheckGraceMinutes,
      observationMinutes: numbers.observationMinutes,
      changeNote: draft.changeNote.trim(),
    };
    setPending(true);
    try {
      const saved = await protocolsApi.update(protocol.key, change, baseVersion);
      setConflict(false);
      // The draft now matches what was saved, so the reload takes every field from the new version.
      const settled = { ...draft, changeNote: '' };
      form.setDraft(settled);
      form.setBase({ version: baseVersion, values: settled });
      await onReload();
      show({
        tone: 'ok',
        title: `Saved as version ${saved.version}.`,
        text: 'New plans are written from it; plans already written keep the version they came from.',
      });
    } catch (caught) {
      if (isApiError(caught, 'precondition_failed')) {
        setConflict(true);
        show({
          tone: 'caution',
          title: 'This protocol was changed by someone else',
          text: 'Another administrator saved a newer version while you were editing, so nothing was saved. Reload to see it; your edits stay in the form.',
        });
      } else {
        const text = form.showServerError(caught);
        if (text) show({ tone: 'caution', title: 'The protocol was not saved', text });
      }
    } finally {
      setPending(false);
    }
  }

  async function reload() {
    await onReload();
    setConflict(false);
    show({
      tone: 'info',
      title: 'Reloaded the current version.',
      text: 'Your own edits are still in the form; check them against it, then save again.',
    });
  }

  return (
    <form className="panel protocol-form" onSubmit={save} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Change the protocol</h2>
      <p className="muted">Saving makes version {baseVersion + 1}. Every change is audited with its note.</p>
      {message ? (
        <div ref={messageRef} tabIndex={-1} className="protocol-form__message">
          <Notice
            tone={message.tone}
            role={message.tone === 'caution' ? 'alert' : 'status'}
            title={message.title}
          >
            {message.text ? <p>{message.text}</p> : null}
            {conflict ? (
              <p>
                <button type="button" className="button button-primary button-small" onClick={reload}>
                  Reload the protocol
                </button>
              </p>
            ) : null}
          </Notice>
        </div>
      ) : null}
      <TextField id={ids.name} label="Name" error={errors.name} value={draft.name} onChange={set('name')} />
      <TextAreaField
        {...field('description')}
        label="Description and sources"
        hint="What the protocol is for, and where each default comes from."
        rows={6}
      />
      <SelectField
        {...field('route')}
        label="Route"
        hint="Bioavailability differs by route, so the same mg is not the same exposure."
      >
        {(Object.keys(ROUTE_LABEL) as TreatmentRoute[]).map((route) => (
          <option key={route} value={route}>
            {ROUTE_LABEL[route]}
          </option>
        ))}
      </SelectField>
      {NUMBER_GROUPS.map((group) => (
        <fieldset key={group.legend} className="protocol-form__group">
          <legend>{group.legend}</legend>
          <div className="form-row">
            {group.fields.map((setting) => (
              <NumberField
                key={setting.key}
                {...form.field(setting.key)}
                label={setting.label}
                unit={setting.unit}
                decimal={setting.decimal}
                hint={setting.hint}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <TextAreaField
        {...field('changeNote')}
        label="What changed and why (required)"
        hint="Kept with the new version and in the audit trail."
        rows={2}
      />
      <FormActions label={`Save as version ${baseVersion + 1}`} pendingLabel="Saving…" pending={pending} />
    </form>
  );
}

function ProtocolVersions({ versions }: { versions: Protocol[] }) {
  return (
    <section className="home-section" aria-labelledby="versions-title">
      <h2 id="versions-title">Version history</h2>
      <VersionHistory
        id="versions"
        caption="Every version, newest first"
        noNote="First version"
        first={(entry) => {
          const version = versions.find((v) => v.version === entry.version)!;
          return `Starting at ${formatSetting('startingDoseMg', version.startingDoseMg)}, hold at ${formatSetting('bloodPressureLimit', version.bloodPressureLimit)}`;
        }}
        entries={versions.map((version, index) => {
          const previous = versions[index + 1];
          return {
            version: version.version,
            changedAt: version.createdAt,
            changedByName: version.createdByName ?? 'Stillwater (default)',
            note: version.changeNote,
            changes: previous
              ? describeChanges(
                  diffRecords(
                    previous as unknown as Record<string, unknown>,
                    version as unknown as Record<string, unknown>,
                    VERSION_KEYS,
                  ),
                )
              : null,
          };
        })}
      />
    </section>
  );
}
