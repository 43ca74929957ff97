/**
 * X-Forwarded-For is believed only when TRUST_PROXY says so (issue 12, finding 4): otherwise
 * anyone could pick a new address for every guess and never meet the per-address throttle, and
 * the audit trail would record whatever address they chose.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

const forged = (i: number) => `203.0.113.${i + 1}`;

/** 30 failed sign-ins, each on its own account and with its own forged address. */
async function sprayFailedSignIns(t: TestApp): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': forged(i) },
      payload: { email: `guess${i}@stillwater.example`, password: 'not the password at all' },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

async function auditedAddresses(t: TestApp): Promise<string[]> {
  const rows = await t.deps.database.db
    .selectFrom('audit_events')
    .select('ip')
    .where('subtype', 'in', ['auth.login.failed', 'auth.login.throttled'])
    .orderBy('seq')
    .execute();
  return rows.map((row) => String(row.ip));
}

describe('trusting proxies', () => {
  it('with PUBLIC_URL set and no TRUST_PROXY, forged X-Forwarded-For is ignored: the IP throttle holds and the real address is audited', async () => {
    const t = await startTestApp({ seed: false, env: { PUBLIC_URL: 'https://care.example.org' } });
    try {
      const statuses = await sprayFailedSignIns(t);
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
      assert.ok(
        statuses.slice(20).every((status) => status === 429),
        `after 20 failures from one address every try is throttled: ${statuses.join(',')}`,
      );
      const addresses = await auditedAddresses(t);
      assert.equal(addresses.length, 30);
      assert.ok(
        addresses.every((ip) => ip === '127.0.0.1'),
        `the connection's address is recorded, not the forged one: ${[...new Set(addresses)].join(',')}`,
      );
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY=1 the address the proxy forwards is the client address', async () => {
    const t = await startTestApp({ seed: false, env: { TRUST_PROXY: '1' } });
    try {
      const statuses = await sprayFailedSignIns(t);
      assert.deepEqual(statuses, Array(30).fill(401), 'each address has one failure: no throttle');
      assert.deepEqual(
        await auditedAddresses(t),
        Array.from({ length: 30 }, (_, i) => forged(i)),
      );
    } finally {
      await t.close();
    }
  });
});
