import { useMe } from '../../auth/AuthProvider';
import { ROLE_LABEL } from '../../auth/roles';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { DataSection } from './DataSection';
import { EmailSection } from './EmailSection';
import { MfaSection } from './MfaSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection, tokensSectionTitle } from './TokensSection';
import '../../components/form/Field.css';
import './Settings.css';

const SECTIONS = [
  { id: 'password', label: 'Password' },
  { id: 'two-step', label: 'Two-step verification' },
  { id: 'email', label: 'Email' },
  { id: 'sessions', label: 'Where you are signed in' },
];
const PATIENT_SECTIONS = [{ id: 'your-data', label: 'Your data' }];

export function SettingsPage() {
  useDocumentTitle('Settings');
  const me = useMe();

  return (
    <div className="container page settings">
      <div className="page__header">
        <h1>Settings</h1>
        <p className="lead">
          Signed in as {me.displayName} ({ROLE_LABEL[me.role]}), {me.email}.
        </p>
      </div>
      <nav aria-label="Settings sections" className="settings-toc">
        <ul className="inline-list">
          {[
            ...SECTIONS,
            { id: 'tokens', label: tokensSectionTitle(me.role) },
            ...(me.role === 'patient' && me.patientId ? PATIENT_SECTIONS : []),
          ].map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <PasswordSection />
      <MfaSection />
      <EmailSection />
      <SessionsSection />
      <TokensSection />
      {me.role === 'patient' && me.patientId ? <DataSection patientId={me.patientId} /> : null}
    </div>
  );
}
