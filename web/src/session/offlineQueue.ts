/**
 * A queue of session-day events (dose taken, help, blood-pressure recheck, check-in) kept on
 * the device until the server has them. Once a patient has taken their dose, a lost connection
 * must never lose what they tell us: each event is written to storage the moment it is made,
 * with its idempotency key and the time it happened on the device, and sent again — on the
 * `online` event, on a timer, and after a reload — until the server answers. The server treats
 * a repeated key as the same event, so sending twice is safe; sending never is not.
 *
 * Pure apart from the storage and `send` it is given, so it is tested in Node.
 */

import { isApiError } from '../api/client';

export type QueuedEventKind = 'dose' | 'help' | 'recheck' | 'check-in' | 'hard-moment';

export interface QueuedEvent {
  /** The idempotency key: made once per action, the same on every retry. */
  key: string;
  kind: QueuedEventKind;
  patientId: string;
  sessionId: string;
  /** When it happened on the device (ISO 8601). */
  occurredAt: string;
  /** The rest of the request body (vitals, check-in answers). */
  payload: Record<string, unknown>;
  /** When it was queued, and how many sends have been tried. */
  queuedAt: string;
  attempts: number;
  /** The last reason a send did not go through, in words. */
  lastError?: string;
}

export type NewQueuedEvent = Omit<QueuedEvent, 'queuedAt' | 'attempts' | 'lastError'>;

/** What happened to an event, for screens that wait on it. */
export type QueueOutcome =
  | { type: 'sent'; event: QueuedEvent; result: unknown }
  /** The server refused it for good (it will not be sent again): the screen must say so. */
  | { type: 'failed'; event: QueuedEvent; error: unknown };
export type QueueChange = { type: 'changed' } | QueueOutcome;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OfflineQueueOptions {
  storage: KeyValueStorage | null;
  storageKey?: string;
  send: (event: QueuedEvent) => Promise<unknown>;
  /** Whether a failed send is worth trying again later (default: `isRetryableError`). */
  isRetryable?: (error: unknown) => boolean;
  now?: () => Date;
}

export interface OfflineQueue {
  /** Adds an event unless one with the same key is queued or was sent; true when added. */
  enqueue(event: NewQueuedEvent): boolean;
  /** Tries to send everything queued, in order; resolves when this pass is over. */
  flush(): Promise<void>;
  /** The events still waiting, in the order they will be sent. */
  pending(filter?: (event: QueuedEvent) => boolean): QueuedEvent[];
  /** True when this key was sent and answered by the server. */
  wasSent(key: string): boolean;
  subscribe(listener: (change: QueueChange) => void): () => void;
  /**
   * Sends again whenever the device comes back online and every `intervalMs`, until stopped.
   * Also sends at once, for events left from before a reload.
   */
  start(options?: { intervalMs?: number; target?: EventTarget }): () => void;
}

interface StoredQueue {
  version: 1;
  events: QueuedEvent[];
  /** Keys already answered by the server, newest last (bounded), so a late duplicate is not re-sent. */
  sent: string[];
}

export const DEFAULT_QUEUE_STORAGE_KEY = 'stillwater.sessionEvents.v1';
const SENT_KEYS_KEPT = 200;

/**
 * Network trouble, an ended sign-in (the patient signs in again and it goes then), rate
 * limits and server faults are temporary; any other refusal (a held dose, bad input) is final.
 */
export function isRetryableError(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return (
    error.status === 0 ||
    error.status === 401 ||
    error.status === 408 ||
    error.status === 429 ||
    error.status >= 500
  );
}

/** Help first: it must never wait behind another event. Otherwise the order they happened in. */
function sendOrder(events: readonly QueuedEvent[]): QueuedEvent[] {
  return [...events.filter((e) => e.kind === 'help'), ...events.filter((e) => e.kind !== 'help')];
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function isQueuedEvent(value: unknown): value is QueuedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<QueuedEvent>;
  return (
    typeof event.key === 'string' &&
    typeof event.kind === 'string' &&
    typeof event.patientId === 'string' &&
    typeof event.sessionId === 'string' &&
    typeof event.occurredAt === 'string' &&
    typeof event.payload === 'object' &&
    event.payload !== null
  );
}

function readStored(storage: KeyValueStorage | null, key: string): StoredQueue {
  const empty: StoredQueue = { version: 1, events: [], sent: [] };
  if (!storage) return empty;
  try {
    const raw = storage.getItem(key);
    if (!raw) return empty;
    const parsed = JSON.parse(raw) as Partial<StoredQueue>;
    return {
      version: 1,
      events: Array.isArray(parsed.events)
        ? parsed.events.filter(isQueuedEvent).map((event) => ({
            ...event,
            attempts: typeof event.attempts === 'number' ? event.attempts : 0,
            queuedAt: typeof event.queuedAt === 'string' ? event.queuedAt : event.occurredAt,
          }))
        : [],
      sent: Array.isArray(parsed.sent) ? parsed.sent.filter((k): k is string => typeof k === 'string') : [],
    };
  } catch {
    // Unreadable storage is treated as empty rather than breaking the session screen.
    return empty;
  }
}

export function createOfflineQueue(options: OfflineQueueOptions): OfflineQueue {
  const storageKey = options.storageKey ?? DEFAULT_QUEUE_STORAGE_KEY;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(change: QueueChange) => void>();
  const memory = readStored(options.storage, storageKey);
  let running: Promise<void> | null = null;
  let again = false;

  // Another tab (or a reload) may have changed storage: always start from what is stored.
  function load(): StoredQueue {
    if (!options.storage) return memory;
    const stored = readStored(options.storage, storageKey);
    memory.events = stored.events;
    memory.sent = stored.sent;
    return memory;
  }

  function save(state: StoredQueue) {
    memory.events = state.events;
    memory.sent = state.sent.slice(-SENT_KEYS_KEPT);
    if (!options.storage) return;
    try {
      if (memory.events.length === 0 && memory.sent.length === 0) options.storage.removeItem(storageKey);
      else options.storage.setItem(storageKey, JSON.stringify(memory));
    } catch {
      // Storage full or blocked: the events stay in memory for this page's life.
    }
  }

  function emit(change: QueueChange) {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // One screen's failure must not stop the queue or the other screens.
      }
    }
  }

  function update(key: string, change: (event: QueuedEvent) => QueuedEvent | null, sentKey?: string) {
    const state = load();
    const events = state.events.flatMap((event) => {
      if (event.key !== key) return [event];
      const next = change(event);
      return next ? [next] : [];
    });
    save({ ...state, events, sent: sentKey ? [...state.sent, sentKey] : state.sent });
  }

  async function pass(): Promise<void> {
    for (const queued of sendOrder(load().events)) {
      // Another tab may have sent it since the pass began.
      const current = load().events.find((event) => event.key === queued.key);
      if (!current) continue;
      const attempt = { ...current, attempts: current.attempts + 1 };
      try {
        const result = await options.send(attempt);
        update(attempt.key, () => null, attempt.key);
        emit({ type: 'sent', event: attempt, result });
        emit({ type: 'changed' });
      } catch (error) {
        if (isRetryable(error)) {
          update(attempt.key, () => ({ ...attempt, lastError: describeError(error) }));
          emit({ type: 'changed' });
          // Later events may depend on this one (a recheck needs its dose): keep the order.
          return;
        }
        update(attempt.key, () => null);
        emit({ type: 'failed', event: attempt, error });
        emit({ type: 'changed' });
      }
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && load().events.length > 0);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    enqueue(event) {
      const state = load();
      if (state.events.some((queued) => queued.key === event.key) || state.sent.includes(event.key)) {
        return false;
      }
      save({ ...state, events: [...state.events, { ...event, queuedAt: now().toISOString(), attempts: 0 }] });
      emit({ type: 'changed' });
      return true;
    },
    flush,
    pending(filter) {
      const events = sendOrder(load().events);
      return filter ? events.filter(filter) : events;
    },
    wasSent(key) {
      return load().sent.includes(key);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    start({ intervalMs = 15_000, target = globalThis } = {}) {
      const onOnline = () => void flush();
      target.addEventListener('online', onOnline);
      const timer = setInterval(() => {
        if (load().events.length > 0) void flush();
      }, intervalMs);
      void flush();
      return () => {
        target.removeEventListener('online', onOnline);
        clearInterval(timer);
      };
    },
  };
}

/** A fresh idempotency key (the server accepts letters, digits and `_ . : -`). */
export function newIdempotencyKey(kind: QueuedEventKind): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${kind}-${random}`;
}
