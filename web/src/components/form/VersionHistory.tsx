import type { ReactNode } from 'react';
import { formatDateTime } from '../../lib/format';
import '../DataTable.css';
import { DataTable } from '../DataTable';

/** One setting a version changed, in words ("Maximum dose: 20 mg → 30 mg"). */
export interface VersionChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

export interface VersionEntry {
  version: number;
  changedAt: string;
  changedByName: string;
  /** Why it changed; `null` shows `noNote`. */
  note: string | null;
  /** What it changed; `null` for the first version, which shows `first` instead. */
  changes: VersionChange[] | null;
}

/**
 * Every version of a versioned record (a plan, a protocol), newest first: when, who, why, and
 * each setting that changed from the version before.
 */
export function VersionHistory({
  id,
  caption,
  entries,
  noNote,
  first,
}: {
  /** Names the caption, which names the scrolling region. */
  id: string;
  caption: string;
  entries: readonly VersionEntry[];
  noNote: string;
  first: (entry: VersionEntry) => ReactNode;
}) {
  const captionId = `${id}-caption`;
  return (
    <DataTable
      captionId={captionId}
      caption={caption}
      columns={['Version', 'When and who', 'Why', 'What changed']}
    >
      {entries.map((entry) => (
        <tr key={entry.version}>
          <th scope="row">{entry.version}</th>
          <td className="nowrap">
            {formatDateTime(entry.changedAt)}
            <span className="data-table__sub">{entry.changedByName}</span>
          </td>
          <td>{entry.note ?? <span className="muted">{noNote}</span>}</td>
          <td>
            {entry.changes === null ? (
              <span className="muted">{first(entry)}</span>
            ) : entry.changes.length === 0 ? (
              <span className="muted">No setting changed</span>
            ) : (
              <ul className="data-table__list">
                {entry.changes.map((change) => (
                  <li key={change.key}>
                    {change.label}: {change.before} → <strong>{change.after}</strong>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
