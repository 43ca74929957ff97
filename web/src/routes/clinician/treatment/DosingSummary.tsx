import type { DoseExposure } from '../../../api/plans';
import { mg } from '../../../domain/labels';

/**
 * The dose beside what it means: mg/kg at the patient's weight, the route's bioavailability and
 * the IV-equivalent exposure, with the explanation and source the clinical core gives.
 */
export function DosingSummary({
  dosing,
  weightKg,
  title = 'Dosing',
  id,
  live = false,
}: {
  dosing: Omit<DoseExposure, 'weightKg'> | null;
  weightKg: number | null;
  title?: string;
  id?: string;
  /** In a form, the summary follows the dose being typed; screen readers hear the result. */
  live?: boolean;
}) {
  return (
    <section
      className="dosing"
      aria-labelledby={id ? `${id}-title` : undefined}
      aria-live={live ? 'polite' : undefined}
    >
      <h3 className="dosing__title" id={id ? `${id}-title` : undefined}>
        {title}
      </h3>
      {dosing ? (
        <>
          <p className="dosing__dose">{mg(dosing.doseMg)}</p>
          <dl className="dosing__facts">
            <div>
              <dt>Per kilogram</dt>
              <dd>
                {dosing.mgPerKg === null ? (
                  <span className="muted">Weight not given</span>
                ) : (
                  <>
                    <strong>{dosing.mgPerKg} mg/kg</strong>
                    {weightKg !== null ? <span className="muted"> at {weightKg} kg</span> : null}
                  </>
                )}
              </dd>
            </div>
            <div>
              <dt>Bioavailability</dt>
              <dd>
                <strong>{Math.round(dosing.fraction * 1000) / 10} %</strong>{' '}
                <span className="muted">(F = {dosing.fraction})</span>
              </dd>
            </div>
            <div>
              <dt>IV-equivalent</dt>
              <dd>
                <strong>{mg(dosing.ivEquivalentMg)}</strong>
                {dosing.ivEquivalentMgPerKg !== null ? (
                  <span className="muted"> ({dosing.ivEquivalentMgPerKg} mg/kg)</span>
                ) : null}
              </dd>
            </div>
          </dl>
          <p className="dosing__explanation">{dosing.explanation}</p>
        </>
      ) : (
        <p className="muted">Enter a dose to see it per kilogram and as IV-equivalent exposure.</p>
      )}
    </section>
  );
}
