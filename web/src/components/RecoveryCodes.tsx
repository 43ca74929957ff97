import { useEffect, useRef } from 'react';
import { CopyButton } from './CopyButton';
import './RecoveryCodes.css';

interface RecoveryCodesProps {
  codes: string[];
  /** Called when the person confirms they have stored the codes. */
  onDone: () => void;
  doneLabel?: string;
}

/**
 * Recovery codes are shown exactly once. Focus moves to the heading so the change is announced,
 * and the only way on is to say they are saved.
 */
export function RecoveryCodes({ codes, onDone, doneLabel = "I've saved these codes" }: RecoveryCodesProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const asText = codes.join('\n');

  function download() {
    const url = URL.createObjectURL(
      new Blob([`Stillwater recovery codes\n\n${asText}\n`], { type: 'text/plain' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = 'stillwater-recovery-codes.txt';
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <section className="panel" aria-labelledby="recovery-codes-title">
      <h3 id="recovery-codes-title" ref={headingRef} tabIndex={-1}>
        Save your recovery codes
      </h3>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from your app.
        Keep them somewhere safe and private, like a password manager.{' '}
        <strong>This is the only time they are shown.</strong>
      </p>
      <ol className="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <CopyButton text={asText} label="Copy all codes" />
        <button type="button" className="button button-quiet button-small" onClick={download}>
          Download as a text file
        </button>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
