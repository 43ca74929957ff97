import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { type ConsentDocument, consentApi, type SignedConsent } from '../../api/consent';
import { patientsApi } from '../../api/patients';
import { errorMessage, useApiData } from '../../api/useApiData';
import { useMe } from '../../auth/AuthProvider';
import { TextField } from '../../components/form/Field';
import { FormProblem } from '../../components/form/FormProblem';
import { ErrorNotice, Notice } from '../../components/Notice';
import { PageLoading } from '../../components/RouteLoading';
import { formatDateTime } from '../../lib/format';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import '../../components/HomePage.css';
import { JourneyNextStep } from './JourneySection';
import './Consent.css';
import { SubmitButton } from '../../components/SubmitButton';

/** Informed consent: read the whole document, sign with a typed name and a tick, keep a copy. */
export function ConsentPage() {
  useDocumentTitle('Informed consent');
  const me = useMe();
  const patientId = me.patientId ?? '';
  const data = useApiData(
    () => Promise.all([patientsApi.journey(patientId), consentApi.current(), consentApi.list(patientId)]),
    [patientId],
  );
  const [justSigned, setJustSigned] = useState(false);
  const signedHeading = useRef<HTMLHeadingElement>(null);
  const signedNow = justSigned && data.status === 'ready' && data.data[2].status.upToDate;
  // Once the signature shows, the cursor goes to the record of it.
  useEffect(() => {
    if (signedNow) signedHeading.current?.focus();
  }, [signedNow]);

  if (data.status === 'loading') {
    return <PageLoading>Loading your consent document…</PageLoading>;
  }
  if (data.status === 'error') {
    return (
      <div className="container page">
        <h1>Informed consent</h1>
        <ErrorNotice
          error={data.error.message}
          title="We could not load the consent document just now"
          onRetry={data.reload}
        />
      </div>
    );
  }

  const [journey, document, consents] = data.data;
  const consentStep = journey.steps.find((step) => step.key === 'consent');
  const canSign = !consents.status.upToDate && consentStep?.status === 'current';

  return (
    <div className="container page consent">
      <div className="page__header">
        <h1>Informed consent</h1>
        <p className="lead">
          This explains the treatment, what you may feel, and how we keep you safe. Please read all of it, and
          ask your care team about anything that is unclear before you sign.
        </p>
      </div>

      {consents.status.upToDate ? (
        <>
          <Notice
            tone="ok"
            title={justSigned ? 'Thank you. Your consent is signed' : 'You have signed the current consent'}
          >
            <p>
              {justSigned
                ? 'A copy is below for your records. You can pause or stop treatment at any time.'
                : 'You do not need to do anything more here. A copy of what you signed is below.'}
            </p>
          </Notice>
          <JourneyNextStep journey={journey} />
        </>
      ) : null}

      {!consents.status.upToDate && !canSign ? (
        <Notice tone="info" title="Consent comes after your clinician’s review">
          <p>
            You can read the document now. You will be able to sign it once a clinician has reviewed your
            answers and approved you for treatment.
          </p>
          <p>
            <Link to="/patient">Back to your home</Link>
          </p>
        </Notice>
      ) : null}

      {consents.status.upToDate && consents.items.length > 0 ? null : (
        <ConsentDocumentText document={document} />
      )}

      {canSign ? (
        <SignConsentForm
          document={document}
          patientId={patientId}
          fullName={me.displayName}
          onSigned={async () => {
            await data.reload();
            setJustSigned(true);
          }}
          onStale={data.reload}
        />
      ) : null}

      <SignedConsents patientId={patientId} items={consents.items} headingRef={signedHeading} />
    </div>
  );
}

function ConsentDocumentText({ document }: { document: ConsentDocument }) {
  const titleId = useId();
  const paragraphs = document.body.split(/\n\s*\n/).filter((paragraph) => paragraph.trim());
  return (
    <article className="consent-document" aria-labelledby={titleId}>
      <h2 id={titleId} className="consent-document__title">
        {document.title}
      </h2>
      <p className="consent-document__meta">
        Version {document.version} · published {formatDateTime(document.publishedAt)}
      </p>
      <div className="consent-document__body">
        {paragraphs.map((paragraph) => (
          <p key={paragraph.slice(0, 60)}>{paragraph.trim()}</p>
        ))}
      </div>
    </article>
  );
}

function SignConsentForm({
  document,
  patientId,
  fullName,
  onSigned,
  onStale,
}: {
  document: ConsentDocument;
  patientId: string;
  fullName: string;
  onSigned: () => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const [signedName, setSignedName] = useState('');
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<{ signedName?: string; agree?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const found: typeof errors = {};
    if (!signedName.trim()) found.signedName = 'Type your full name to sign.';
    if (!agree) found.agree = 'Tick the box to say you have read and agree to the document.';
    setErrors(found);
    setError(null);
    if (found.signedName) {
      window.document.getElementById('consent-signed-name')?.focus();
      return;
    }
    if (found.agree) {
      window.document.getElementById('consent-agree')?.focus();
      return;
    }
    setPending(true);
    try {
      await consentApi.sign(patientId, {
        documentVersion: document.version,
        signedName: signedName.trim(),
        agree: true,
      });
      await onSigned();
    } catch (caught) {
      if (isApiError(caught, 'invalid_request') && caught.message.startsWith('signedName:')) {
        const text = caught.message.replace(/^signedName:\s*/, '');
        setErrors({ signedName: text.charAt(0).toUpperCase() + text.slice(1) });
        window.document.getElementById('consent-signed-name')?.focus();
      } else if (isApiError(caught, 'conflict')) {
        setError(caught.message);
        await onStale();
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="consent-sign" aria-labelledby="consent-sign-title">
      <h2 id="consent-sign-title">Sign</h2>
      <FormProblem title="Your consent was not signed" message={error} />
      <form className="form-stack" onSubmit={submit} noValidate>
        <TextField
          id="consent-signed-name"
          label="Type your full name to sign"
          hint={`As on your account: ${fullName}`}
          autoComplete="name"
          value={signedName}
          error={errors.signedName}
          onChange={(event) => setSignedName(event.target.value)}
        />
        <div className="field">
          {errors.agree ? (
            <p id="consent-agree-error" className="field__error">
              <span className="visually-hidden">Error: </span>
              {errors.agree}
            </p>
          ) : null}
          <label className="checkbox consent-sign__agree">
            <input
              id="consent-agree"
              type="checkbox"
              checked={agree}
              aria-describedby={errors.agree ? 'consent-agree-error' : undefined}
              aria-invalid={errors.agree ? true : undefined}
              onChange={(event) => setAgree(event.target.checked)}
            />
            <span>
              I have read this document (version {document.version}), had the chance to ask questions, and
              agree to start treatment.
            </span>
          </label>
        </div>
        <p className="muted">
          Your typed name and the time are recorded as your electronic signature, with a copy of exactly what
          you signed. You can download that copy here at any time.
        </p>
        <div className="form-actions">
          <SubmitButton pending={pending} pendingLabel="Signing…" className="consent-sign__submit">
            Sign consent
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}

function SignedConsents({
  patientId,
  items,
  headingRef,
}: {
  patientId: string;
  items: SignedConsent[];
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  if (items.length === 0) return null;
  return (
    <section className="home-section" aria-labelledby="consent-signed-title">
      <h2 id="consent-signed-title" ref={headingRef} tabIndex={-1}>
        What you have signed
      </h2>
      <ul className="consent-signed">
        {items.map((item) => (
          <li key={item.id} className="home-card">
            <h3 className="home-card__title">{item.title}</h3>
            <p>
              Version {item.documentVersion}, signed as “{item.signedName}” on {formatDateTime(item.signedAt)}
            </p>
            <p>
              <a
                className="button button-quiet button-small"
                href={consentApi.documentUrl(patientId, item.id)}
                download
              >
                Download a copy of what you signed
                <span className="visually-hidden"> (version {item.documentVersion})</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
