import { daysUntil, formatCalendarDate } from '../../lib/format';

const SOON_DAYS = 60;

/**
 * An expiry date with its state in words: "Expired", "Expires in 12 days". The words carry the
 * meaning; colour only repeats it.
 */
export function ExpiryDate({ expiresOn }: { expiresOn: string }) {
  const days = daysUntil(expiresOn);
  return (
    <span className="expiry">
      <span className="nowrap">{formatCalendarDate(expiresOn)}</span>{' '}
      {days !== null && days < 0 ? (
        <span className="badge badge--alarm">Expired</span>
      ) : days !== null && days <= SOON_DAYS ? (
        <span className="badge badge--caution">
          {days === 0 ? 'Expires today' : `Expires in ${days} ${days === 1 ? 'day' : 'days'}`}
        </span>
      ) : null}
    </span>
  );
}

export function isExpired(expiresOn: string | null): boolean {
  if (!expiresOn) return false;
  const days = daysUntil(expiresOn);
  return days !== null && days < 0;
}
