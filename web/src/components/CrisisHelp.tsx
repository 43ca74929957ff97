import { forwardRef } from 'react';
import { loadClinic } from '../api/clinic';
import { useApiData } from '../api/useApiData';
import './CrisisHelp.css';

export interface CrisisResource {
  label: string;
  href: string;
}

interface CrisisHelpProps {
  title?: string;
  message: string;
  resources: readonly CrisisResource[];
}

/**
 * Crisis help shown the moment an answer calls for it: the message, then each way to get help
 * as a large link a thumb can hit. Warm and prominent, not red: this is care, not a warning.
 * The heading takes focus (through the forwarded ref) so a screen reader hears it first.
 */
export const CrisisHelp = forwardRef<HTMLHeadingElement, CrisisHelpProps>(function CrisisHelp(
  { title = 'You do not have to go through this alone', message, resources },
  headingRef,
) {
  return (
    <section className="crisis-help" aria-labelledby="crisis-help-title">
      <h2 id="crisis-help-title" ref={headingRef} tabIndex={-1} className="crisis-help__title">
        {title}
      </h2>
      <p className="crisis-help__message">{message}</p>
      <ul className="crisis-help__links">
        {resources.map((resource) => (
          <li key={`${resource.href}-${resource.label}`}>
            <a className="crisis-help__link" href={resource.href}>
              {resource.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
});

/** The same help before the server has answered: 988, 911 and the clinic's own number. */
export function useStandingCrisisResources(): CrisisResource[] {
  const clinic = useApiData(() => loadClinic(), []).data ?? null;
  const resources: CrisisResource[] = [
    { label: 'Call 988 (Suicide & Crisis Lifeline), any time', href: 'tel:988' },
    { label: 'Text 988', href: 'sms:988' },
    { label: 'Emergency: call 911', href: 'tel:911' },
  ];
  if (clinic) {
    // As the server's crisis resources: the after-hours line when the clinic has one.
    const number = clinic.afterHoursPhone ?? clinic.phone;
    resources.push({
      label: clinic.afterHoursPhone ? `Your clinic's after-hours line: ${number}` : `Your clinic: ${number}`,
      href: `tel:${number.replace(/[^\d+]/g, '')}`,
    });
  }
  return resources;
}
