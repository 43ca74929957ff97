import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.seedDemo, true);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.publicUrl, undefined);
    assert.equal(config.trustProxy, false, 'X-Forwarded-* is believed only when TRUST_PROXY says so');
    assert.equal(config.mailDir, path.resolve('./data/mail'));
  });

  it('reads TRUST_PROXY as off, true, a hop count or a list of addresses and CIDR ranges', () => {
    assert.equal(loadConfig({ PUBLIC_URL: 'https://care.example.org' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1' }).trustProxy, [
      '10.0.0.0/8',
      '192.168.1.5',
      '::1',
    ]);
  });

  it('puts mail in DATA_DIR/mail unless MAIL_DIR says otherwise', () => {
    assert.equal(loadConfig({ DATA_DIR: '/var/lib/sw' }).mailDir, '/var/lib/sw/mail');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@db/sw' }).mailDir, path.resolve('./data/mail'));
    assert.equal(loadConfig({ MAIL_DIR: '/srv/mail' }).mailDir, '/srv/mail');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/stillwater',
      DATABASE_URL: 'postgres://app@db:5432/stillwater',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://care.example.org/',
    });
    assert.deepEqual(
      { ...config, webDistDir: undefined },
      {
        port: 8080,
        host: '127.0.0.1',
        dataDir: '/var/lib/stillwater',
        databaseUrl: 'postgres://app@db:5432/stillwater',
        seedDemo: false,
        logLevel: 'warn',
        publicUrl: 'https://care.example.org',
        webDistDir: undefined,
        smtpUrl: undefined,
        smtpFrom: 'Stillwater <no-reply@stillwater.example>',
        mailDir: '/var/lib/stillwater/mail',
        trustProxy: false,
        testClock: false,
      },
    );
  });

  it('treats empty strings as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).port, 3000);
  });

  const badValues: [string, string, RegExp][] = [
    ['PORT', 'abc', /PORT="abc": must be a number/],
    ['PORT', '70000', /PORT="70000": must be between 0 and 65535/],
    ['PORT', '3.5', /PORT="3.5": must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": must be a postgres:\/\//],
    ['SEED_DEMO', 'maybe', /SEED_DEMO="maybe": must be one of true, false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud"/],
    ['PUBLIC_URL', 'care.example.org', /PUBLIC_URL="care.example.org": must be an absolute URL/],
    ['TRUST_PROXY', 'my-proxy', /TRUST_PROXY="my-proxy": must be true, false, a hop count/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY="10.0.0.0\/33"/],
  ];
  for (const [key, value, message] of badValues) {
    it(`rejects ${key}=${value} with a message naming the variable`, () => {
      assert.throws(
        () => loadConfig({ [key]: value }),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    });
  }

  it('lists every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'x', SEED_DEMO: 'perhaps' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 2,
    );
  });
});
