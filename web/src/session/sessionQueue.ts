/**
 * The app's one queue of session-day events, stored in this browser's localStorage and sent
 * through the sessions API. Screens enqueue and subscribe; they never call these endpoints
 * directly, so every dose, help, recheck and check-in survives a lost connection or a reload.
 */

import { type CheckInAnswers, sessionsApi, type VitalsInput } from '../api/sessions';
import {
  createOfflineQueue,
  type KeyValueStorage,
  newIdempotencyKey,
  type QueuedEvent,
} from './offlineQueue';

function browserStorage(): KeyValueStorage | null {
  try {
    const storage = window.localStorage;
    const probe = 'stillwater.storageProbe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function sendSessionEvent(event: QueuedEvent): Promise<unknown> {
  const device = { idempotencyKey: event.key, occurredAt: event.occurredAt };
  switch (event.kind) {
    case 'dose':
      return sessionsApi.recordDose(event.patientId, event.sessionId, device);
    case 'help':
      return sessionsApi.requestHelp(event.patientId, event.sessionId, device);
    case 'recheck':
      return sessionsApi.recordRecheck(event.patientId, event.sessionId, {
        ...device,
        vitals: event.payload.vitals as VitalsInput,
      });
    case 'check-in':
      return sessionsApi.checkIn(event.patientId, event.sessionId, {
        ...device,
        ...(event.payload as unknown as CheckInAnswers),
      });
    case 'hard-moment':
      return sessionsApi.hardMoment(event.patientId, event.sessionId, device);
  }
}

export const sessionQueue = createOfflineQueue({
  storage: typeof window === 'undefined' ? null : browserStorage(),
  send: sendSessionEvent,
});

/**
 * "I need help now" from the patient or their support person: queued, then sent at once. When the
 * send leaves it waiting (no connection), `onStillWaiting` runs, so the screen never says help is
 * on its way before the server has it.
 */
export function requestSessionHelp(patientId: string, sessionId: string, onStillWaiting: () => void): void {
  sessionQueue.enqueue({
    key: newIdempotencyKey('help'),
    kind: 'help',
    patientId,
    sessionId,
    occurredAt: new Date().toISOString(),
    payload: {},
  });
  void sessionQueue.flush().then(() => {
    if (sessionQueue.pending((event) => event.sessionId === sessionId && event.kind === 'help').length > 0) {
      onStillWaiting();
    }
  });
}

/**
 * "I'm having a hard moment", kept apart from the session's own queue: its answer is grounding,
 * not the session, and the grounding shows at once whether or not it has been sent yet.
 */
export const hardMomentQueue = createOfflineQueue({
  storage: typeof window === 'undefined' ? null : browserStorage(),
  storageKey: 'stillwater.hardMoments.v1',
  send: sendSessionEvent,
});
