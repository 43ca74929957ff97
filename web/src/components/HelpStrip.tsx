import { type ClinicProfile, loadClinic } from '../api/clinic';
import { useApiData } from '../api/useApiData';
import './HelpStrip.css';

/**
 * Crisis help, on every page, never behind a menu. Calm colours on purpose: it is always there,
 * it is not an alarm. Each link names its action for screen readers ("Call 988").
 */
export function HelpStrip() {
  const clinic = useClinic();

  return (
    <aside className="help-strip" aria-label="Crisis help">
      <p className="container help-strip__text">
        <span className="help-strip__group">
          <span className="help-strip__lead">In crisis?</span>{' '}
          <a className="help-strip__link" href="tel:988" aria-label="Call 988">
            Call
          </a>{' '}
          or{' '}
          <a className="help-strip__link" href="sms:988" aria-label="Text 988">
            text
          </a>{' '}
          <strong>988</strong>
        </span>
        <span className="help-strip__separator" aria-hidden="true">
          ·
        </span>
        <span className="help-strip__group">
          Emergency{' '}
          <a className="help-strip__link help-strip__number" href="tel:911" aria-label="Call 911">
            911
          </a>
        </span>
        {clinic ? (
          <>
            <span className="help-strip__separator" aria-hidden="true">
              ·
            </span>
            <span className="help-strip__group">
              Your clinic{' '}
              <a
                className="help-strip__link help-strip__number"
                href={`tel:${clinic.phone.replace(/[^\d+]/g, '')}`}
                aria-label={`Call ${clinic.name}, ${clinic.phone}`}
              >
                {clinic.phone}
              </a>
            </span>
          </>
        ) : null}
      </p>
    </aside>
  );
}

/** The clinic's own number joins 988 and 911 once known; the strip never waits for it. */
function useClinic(): ClinicProfile | null {
  const clinic = useApiData(() => loadClinic(), []).data ?? null;
  return clinic;
}
