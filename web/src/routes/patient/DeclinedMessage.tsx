import { candidacyApi } from '../../api/candidacy';
import { useApiData } from '../../api/useApiData';

/**
 * When a clinician decides the program is not right for now: their own words, kindly framed,
 * and other places to turn. Never a dead end.
 */
export function DeclinedMessage({ patientId }: { patientId: string }) {
  const decisions = useApiData(() => candidacyApi.decisions(patientId), [patientId]);
  const declined =
    decisions.status === 'ready'
      ? decisions.data.items.find((decision) => decision.decision === 'declined')
      : undefined;

  return (
    <div className="declined-message">
      {declined?.messageToPatient ? (
        <figure className="declined-message__quote">
          <blockquote>
            <p>{declined.messageToPatient}</p>
          </blockquote>
          <figcaption>{declined.clinicianName}</figcaption>
        </figure>
      ) : null}
      {decisions.status === 'error' ? (
        <p>We could not load your clinician’s message just now. Your clinic can read it to you by phone.</p>
      ) : null}
      <p>This is about whether this treatment is safe for you now, not about whether you deserve care.</p>
      <h3 className="declined-message__title">Other places to turn</h3>
      <ul className="declined-message__list">
        <li>Talk with your own doctor or a psychiatrist about other treatments that may help.</li>
        <li>
          SAMHSA National Helpline: <a href="tel:18006624357">1-800-662-4357</a>, free and confidential, any
          time, for treatment referrals and information.
        </li>
        <li>
          If you are struggling or thinking of harming yourself, call or text <a href="tel:988">988</a> at any
          time. In an emergency, call <a href="tel:911">911</a>.
        </li>
        <li>
          You are welcome to call your clinic, at the number at the top of the page, to talk about this
          decision.
        </li>
      </ul>
    </div>
  );
}
