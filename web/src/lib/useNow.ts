import { useEffect, useState } from 'react';

/**
 * The time now, ticking every `everyMs` (for timers, ages and windows that open while the page is
 * open): the screen stays true without asking the server again.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
