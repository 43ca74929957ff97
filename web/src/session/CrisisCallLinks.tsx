import type { ClinicLine } from './clinicLine';

/**
 * "988 (call or text), 911, or the clinic at …" as links, for a sentence that starts "Call" and
 * goes on with what happens next: the words when a help request could not be sent. The screen
 * loads the clinic's line as it opens, so the number is there by the time these words show.
 */
export function CrisisCallLinks({ clinic }: { clinic: ClinicLine | null }) {
  return (
    <>
      <a href="tel:988">988</a> (call or{' '}
      <a href="sms:988" aria-label="text 988">
        text
      </a>
      ), <a href="tel:911">911</a>, or the clinic
      {clinic ? (
        <>
          {' '}
          at <a href={clinic.href}>{clinic.phone}</a>
        </>
      ) : null}
    </>
  );
}
