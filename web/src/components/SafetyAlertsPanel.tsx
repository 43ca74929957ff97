import './HomePage.css';

/**
 * Leads every staff page. The alerts inbox is not built yet, so this says so plainly rather than
 * showing an empty list that could be mistaken for "no alerts".
 */
export function SafetyAlertsPanel() {
  return (
    <section className="home-section" aria-labelledby="safety-alerts-title">
      <h2 id="safety-alerts-title">Safety alerts</h2>
      <p className="home-section__intro">
        Safety alerts appear here first, before anything else: blood pressure holds, help requests during
        sessions and positive answers to PHQ-9 item 9, each with its age and response time.
      </p>
      <div className="empty-state">
        <p className="empty-state__title">No alerts can be shown yet</p>
        <p>
          The alerts inbox is not connected in this version of Stillwater, so an empty list here does not mean
          nothing needs attention. Keep using your clinic's current process for urgent issues.
        </p>
      </div>
    </section>
  );
}
