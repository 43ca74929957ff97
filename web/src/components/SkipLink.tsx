import type { MouseEvent } from 'react';
import './SkipLink.css';

export const MAIN_CONTENT_ID = 'main-content';

/**
 * First focusable element on every page. Moves focus (not just scroll) to <main>, so the next
 * Tab continues from the content; works without touching the URL hash, which the router owns.
 */
export function SkipLink() {
  function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
    const main = document.getElementById(MAIN_CONTENT_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView({ block: 'start' });
  }

  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skipToMain}>
      Skip to main content
    </a>
  );
}
