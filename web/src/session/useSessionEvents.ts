import { useEffect, useState } from 'react';
import type { QueuedEvent, QueueOutcome } from './offlineQueue';
import { sessionQueue } from './sessionQueue';

/**
 * The events of one session still waiting on this device, kept current, and the queue
 * running (retrying on `online` and on a timer) while the screen is open.
 */
export function useSessionEvents(
  sessionId: string,
  onChange?: (outcome: QueueOutcome) => void,
): QueuedEvent[] {
  const read = () => sessionQueue.pending((event) => event.sessionId === sessionId);
  const [pending, setPending] = useState<QueuedEvent[]>(read);
  const [listener] = useState(() => ({ current: onChange }));
  listener.current = onChange;

  useEffect(() => {
    const unsubscribe = sessionQueue.subscribe((change) => {
      if (change.type === 'changed') {
        setPending(sessionQueue.pending((event) => event.sessionId === sessionId));
      } else if (change.event.sessionId === sessionId) {
        listener.current?.(change);
      }
    });
    const stop = sessionQueue.start({ intervalMs: 10_000 });
    setPending(sessionQueue.pending((event) => event.sessionId === sessionId));
    return () => {
      unsubscribe();
      stop();
    };
  }, [sessionId, listener]);

  return pending;
}
