import { useState } from 'react';
import { type Plan, plansApi } from '../../../api/plans';
import { useApiData } from '../../../api/useApiData';
import { VersionHistory } from '../../../components/form/VersionHistory';
import { Notice } from '../../../components/Notice';
import { describeChanges } from '../../../domain/settings';

/** Every version of the plan, read only when the clinician opens it. */
export function PlanHistory({ patientId, plan }: { patientId: string; plan: Plan }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Version history ({plan.version} versions)</summary>
      {open ? <PlanVersions patientId={patientId} planId={plan.id} version={plan.version} /> : null}
    </details>
  );
}

function PlanVersions({
  patientId,
  planId,
  version,
}: {
  patientId: string;
  planId: string;
  version: number;
}) {
  const versions = useApiData(() => plansApi.versions(patientId, planId), [patientId, planId, version]);
  if (versions.status === 'loading') return <p className="muted">Loading the history…</p>;
  if (versions.status === 'error') {
    return (
      <Notice tone="caution" title="We could not load the history">
        <p>{versions.error.message}</p>
      </Notice>
    );
  }
  return (
    <VersionHistory
      id="plan-versions"
      caption="Every version of this plan, newest first"
      noNote="No note"
      first={() => 'First version'}
      entries={versions.data.items.map((item) => ({
        version: item.version,
        changedAt: item.changedAt,
        changedByName: item.changedByName ?? 'Stillwater',
        note: item.changeNote,
        changes: item.version === 1 ? null : describeChanges(item.changes),
      }))}
    />
  );
}
