import { ThemePicker } from './ThemePicker';
import './SiteFooter.css';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <ThemePicker />
        <div className="site-footer__notes">
          <p>
            Stillwater is not an emergency service. If you are in danger or thinking about ending your life,
            call or text <a href="tel:988">988</a> (Suicide &amp; Crisis Lifeline) or call{' '}
            <a href="tel:911">911</a>.
          </p>
          <p className="muted">
            What you read here is general information, not medical advice. A licensed clinician decides what
            is right for you. Stillwater is open-source software that clinics run for their patients.
          </p>
        </div>
      </div>
    </footer>
  );
}
