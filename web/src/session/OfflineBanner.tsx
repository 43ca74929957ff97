import './OfflineBanner.css';

/**
 * Said plainly, at the top of every session-day screen while there is no connection: what is
 * kept, what happens next, and how to get help by phone (tel: and sms: links work offline).
 */
export function OfflineBanner({ waiting = 0 }: { waiting?: number }) {
  return (
    <div className="offline-banner" role="status">
      <p className="offline-banner__text">
        <strong>You're offline.</strong> Your check-ins are saved on this phone and will send when you're back
        online. If you need help now, call 911 or call/text 988
      </p>
      <ul className="inline-list offline-banner__links">
        <li>
          <a href="tel:911">Call 911</a>
        </li>
        <li>
          <a href="tel:988">Call 988</a>
        </li>
        <li>
          <a href="sms:988">Text 988</a>
        </li>
      </ul>
      {waiting > 0 ? (
        <p className="offline-banner__waiting">
          {waiting === 1 ? '1 thing is' : `${waiting} things are`} waiting to send.
        </p>
      ) : null}
    </div>
  );
}
