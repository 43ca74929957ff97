import { Link } from 'react-router';
import type { AuditCatalogue } from '../../api/admin';

/**
 * Every kind of entry the trail can hold, grouped, with what it means: read from the server's
 * audit catalogue, so the page lists exactly the kinds that exist. Each kind filters the trail.
 */
export function AuditKinds({
  catalogue,
  linkFor,
}: {
  catalogue: AuditCatalogue;
  linkFor: (kind: string) => string;
}) {
  return (
    <details className="disclosure audit-kinds">
      <summary>What each event type means</summary>
      {catalogue.groups.map((group) => (
        <section key={group.group} aria-labelledby={`audit-kinds-${group.group}`}>
          <h3 id={`audit-kinds-${group.group}`}>{group.label}</h3>
          <dl className="audit-kinds__list">
            {group.kinds.map((kind) => (
              <div key={kind.kind} className="audit-kinds__item">
                <dt>
                  <Link to={linkFor(kind.kind)}>
                    <code>{kind.kind}</code>
                  </Link>
                </dt>
                <dd>{kind.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </details>
  );
}
