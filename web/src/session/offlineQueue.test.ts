import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../api/client';
import {
  createOfflineQueue,
  isRetryableError,
  type KeyValueStorage,
  type NewQueuedEvent,
  newIdempotencyKey,
  type QueueChange,
  type QueuedEvent,
} from './offlineQueue';

class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const offline = () => new ApiError('network_error', 'We could not reach Stillwater.', 0);
const held = () => new ApiError('session_held', 'The dose is on hold.', 409);

function event(key: string, kind: NewQueuedEvent['kind'] = 'recheck', sessionId = 's1'): NewQueuedEvent {
  return {
    key,
    kind,
    patientId: 'p1',
    sessionId,
    occurredAt: '2026-11-26T18:00:00.000Z',
    payload: kind === 'recheck' ? { vitals: { systolic: 130, diastolic: 80, heartRate: 70 } } : {},
  };
}

/** A server that can be switched off, recording what reached it. */
function fakeServer() {
  const received: QueuedEvent[] = [];
  const state = { online: true, refuse: new Set<string>() };
  const send = async (queued: QueuedEvent) => {
    await Promise.resolve();
    if (!state.online) throw offline();
    if (state.refuse.has(queued.key)) throw held();
    received.push(queued);
    return { ok: queued.key };
  };
  return { received, state, send };
}

describe('offline session-event queue', () => {
  it('sends events in the order they happened, except help, which goes first', async () => {
    const server = fakeServer();
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    queue.enqueue(event('dose-1', 'dose'));
    queue.enqueue(event('recheck-1', 'recheck'));
    queue.enqueue(event('help-1', 'help'));
    queue.enqueue(event('checkin-1', 'check-in'));
    assert.deepEqual(
      queue.pending().map((e) => e.key),
      ['help-1', 'dose-1', 'recheck-1', 'checkin-1'],
    );
    await queue.flush();
    assert.deepEqual(
      server.received.map((e) => e.key),
      ['help-1', 'dose-1', 'recheck-1', 'checkin-1'],
    );
    assert.equal(queue.pending().length, 0);
  });

  it('keeps everything while offline and sends it, once, when the connection returns', async () => {
    const server = fakeServer();
    server.state.online = false;
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    queue.enqueue(event('dose-1', 'dose'));
    queue.enqueue(event('recheck-1'));
    await queue.flush();
    await queue.flush();
    assert.equal(server.received.length, 0);
    const waiting = queue.pending();
    assert.deepEqual(
      waiting.map((e) => [e.key, e.attempts]),
      [
        ['dose-1', 2],
        ['recheck-1', 0],
      ],
      'the head of the queue is retried; the recheck behind it waits its turn',
    );
    assert.match(waiting[0]?.lastError ?? '', /could not reach/);

    server.state.online = true;
    await queue.flush();
    assert.deepEqual(
      server.received.map((e) => [e.key, e.occurredAt]),
      [
        ['dose-1', '2026-11-26T18:00:00.000Z'],
        ['recheck-1', '2026-11-26T18:00:00.000Z'],
      ],
      'each event keeps its key and the device time it happened',
    );
    await queue.flush();
    assert.equal(server.received.length, 2, 'nothing is sent twice');
  });

  it('stops at a temporary failure so a recheck never overtakes its dose', async () => {
    let failDose = true;
    const sent: string[] = [];
    const queue = createOfflineQueue({
      storage: new MemoryStorage(),
      send: async (queued) => {
        if (queued.kind === 'dose' && failDose) throw new ApiError('unexpected_response', 'Bad gateway', 502);
        sent.push(queued.key);
      },
    });
    queue.enqueue(event('dose-1', 'dose'));
    queue.enqueue(event('recheck-1'));
    await queue.flush();
    assert.deepEqual(sent, []);
    failDose = false;
    await queue.flush();
    assert.deepEqual(sent, ['dose-1', 'recheck-1']);
  });

  it('drops an event the server refuses for good, tells the screen, and carries on', async () => {
    const server = fakeServer();
    server.state.refuse.add('dose-1');
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    const changes: QueueChange[] = [];
    queue.subscribe((change) => changes.push(change));
    queue.enqueue(event('dose-1', 'dose'));
    queue.enqueue(event('help-1', 'help', 's2'));
    await queue.flush();
    const failed = changes.find((c) => c.type === 'failed');
    assert.ok(failed && failed.type === 'failed');
    assert.equal(failed.event.key, 'dose-1');
    assert.ok(failed.error instanceof ApiError && failed.error.code === 'session_held');
    const sent = changes.filter((c) => c.type === 'sent');
    assert.deepEqual(
      sent.map((c) => (c.type === 'sent' ? c.result : null)),
      [{ ok: 'help-1' }],
    );
    assert.equal(queue.pending().length, 0);
    assert.equal(queue.wasSent('help-1'), true);
    assert.equal(queue.wasSent('dose-1'), false);
  });

  it('adds an event once per key, even after it was sent', async () => {
    const server = fakeServer();
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    assert.equal(queue.enqueue(event('help-1', 'help')), true);
    assert.equal(queue.enqueue(event('help-1', 'help')), false, 'a double tap does not queue twice');
    await queue.flush();
    assert.equal(queue.enqueue(event('help-1', 'help')), false, 'a late duplicate is not sent again');
    await queue.flush();
    assert.equal(server.received.length, 1);
  });

  it('sends each event once when flushes overlap', async () => {
    const server = fakeServer();
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    queue.enqueue(event('a', 'dose'));
    queue.enqueue(event('b'));
    const first = queue.flush();
    queue.enqueue(event('c', 'check-in'));
    await Promise.all([first, queue.flush(), queue.flush()]);
    assert.deepEqual(
      server.received.map((e) => e.key),
      ['a', 'b', 'c'],
    );
  });

  it('survives a reload: a new queue on the same storage still has the events, and sends them', async () => {
    const storage = new MemoryStorage();
    const before = fakeServer();
    before.state.online = false;
    const first = createOfflineQueue({ storage, send: before.send });
    first.enqueue(event('dose-1', 'dose'));
    first.enqueue(event('checkin-1', 'check-in'));
    await first.flush();

    const after = fakeServer();
    const reloaded = createOfflineQueue({ storage, send: after.send });
    assert.deepEqual(
      reloaded.pending().map((e) => [e.key, e.attempts]),
      [
        ['dose-1', 1],
        ['checkin-1', 0],
      ],
    );
    await reloaded.flush();
    assert.deepEqual(
      after.received.map((e) => e.key),
      ['dose-1', 'checkin-1'],
    );
    assert.equal(
      createOfflineQueue({ storage, send: after.send }).enqueue(event('dose-1', 'dose')),
      false,
      'a later page remembers what was sent',
    );
  });

  it('treats unreadable storage as empty and keeps working in memory when storage fails', async () => {
    const broken = new MemoryStorage();
    broken.setItem('stillwater.sessionEvents.v1', '{not json');
    const server = fakeServer();
    const queue = createOfflineQueue({ storage: broken, send: server.send });
    assert.equal(queue.pending().length, 0);

    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const inMemory = createOfflineQueue({ storage: null, send: server.send });
    inMemory.enqueue(event('help-1', 'help'));
    await inMemory.flush();
    assert.equal(server.received.length, 1);
    const quota = createOfflineQueue({ storage: full, send: server.send });
    assert.doesNotThrow(() => quota.enqueue(event('help-2', 'help')));
  });

  it('retries on the online event and on its timer until stopped', async () => {
    const server = fakeServer();
    server.state.online = false;
    const queue = createOfflineQueue({ storage: new MemoryStorage(), send: server.send });
    queue.enqueue(event('help-1', 'help'));
    const target = new EventTarget();
    const stop = queue.start({ intervalMs: 20, target });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(server.received.length, 0);

    server.state.online = true;
    target.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(server.received.length, 1, 'coming back online sends at once');

    server.state.online = false;
    queue.enqueue(event('recheck-1'));
    await queue.flush();
    server.state.online = true;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(server.received.length, 2, 'the timer retries without an online event');

    stop();
    server.state.online = false;
    queue.enqueue(event('checkin-1', 'check-in'));
    await queue.flush();
    server.state.online = true;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(server.received.length, 2, 'nothing more after stop()');
  });

  it('knows which failures are worth retrying', () => {
    assert.equal(isRetryableError(offline()), true);
    assert.equal(isRetryableError(new ApiError('unauthenticated', 'Sign in', 401)), true);
    assert.equal(isRetryableError(new ApiError('rate_limited', 'Slow down', 429)), true);
    assert.equal(isRetryableError(new ApiError('unexpected_response', 'Oops', 503)), true);
    assert.equal(isRetryableError(held()), false);
    assert.equal(isRetryableError(new ApiError('invalid_request', 'Bad', 400)), false);
    assert.equal(isRetryableError(new TypeError('boom')), true);
  });

  it('makes idempotency keys the server accepts, different every time', () => {
    const a = newIdempotencyKey('dose');
    const b = newIdempotencyKey('dose');
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9_.:-]{8,100}$/);
  });
});
