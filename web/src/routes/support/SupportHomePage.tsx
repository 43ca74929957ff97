import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useMe } from '../../auth/AuthProvider';
import '../../components/HomePage.css';

export function SupportHomePage() {
  useDocumentTitle('Home');
  const me = useMe();

  return (
    <div className="container page">
      <div className="page__header">
        <h1>Hello, {me.displayName}</h1>
        <p className="lead">Thank you for supporting someone through their treatment.</p>
      </div>

      <section className="home-section" aria-labelledby="support-sessions-title">
        <h2 id="support-sessions-title">Session days</h2>
        <div className="empty-state">
          <p className="empty-state__title">Nothing scheduled to show yet</p>
          <p>
            When the person you support has a session, it will appear here with a short guide: what is normal,
            what to check, and when to call for help. This part of Stillwater is still being built.
          </p>
        </div>
      </section>

      <section className="home-section" aria-labelledby="support-help-title">
        <h2 id="support-help-title">If something seems wrong</h2>
        <p className="home-section__intro">
          In an emergency, call 911. If the person you support talks about harming themselves, call or text
          988. For anything else about their treatment, call their clinic using the number at the top of the
          page.
        </p>
      </section>
    </div>
  );
}
