import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be one of true, false, 1, 0, yes, no',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An IPv4/IPv6 address, or one with a /prefix (CIDR). */
function isAddressOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell us the client's address (X-Forwarded-For/-Proto/-Host): off unless set.
 * `true` trusts every hop (only behind a proxy that strips what clients send), a number trusts that
 * many hops, a comma list trusts those addresses or CIDR ranges.
 */
const trustProxyFromEnv = z.string().transform((raw, ctx): boolean | number | string[] => {
  const value = raw.trim();
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) {
      ctx.addIssue({ code: 'custom', message: 'a hop count must be between 0 and 100' });
      return z.NEVER;
    }
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be true, false, a hop count, or a comma list of IP addresses or CIDR ranges (${JSON.stringify(bad)} is none of these)`,
    });
    return z.NEVER;
  }
  return entries;
});

const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SEED_DEMO: booleanFromEnv.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://care.example.org' }).optional(),
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Stillwater <no-reply@stillwater.example>'),
  MAIL_DIR: z.string().min(1, 'must not be empty').optional(),
  TRUST_PROXY: trustProxyFromEnv.optional(),
  TEST_CLOCK: booleanFromEnv.default(false),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seedDemo: boolean;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  webDistDir: string;
  /** Outgoing mail server; without it, emails are written as .eml files to `mailDir`. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Where emails land as .eml files when there is no SMTP server (default DATA_DIR/mail). */
  mailDir: string;
  /** Passed to Fastify's trustProxy: off unless TRUST_PROXY says which proxies to believe. */
  trustProxy: boolean | number | string[];
  /** Browser tests only: the server's clock can be moved forward through the API. Never in a clinic. */
  testClock: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads configuration from environment variables; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .map((key) => [key, env[key]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? 'config');
        return `${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    seedDemo: c.SEED_DEMO,
    logLevel: c.LOG_LEVEL,
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    webDistDir: path.resolve(c.WEB_DIST_DIR),
    testClock: c.TEST_CLOCK,
    smtpUrl: c.SMTP_URL,
    smtpFrom: c.SMTP_FROM,
    // With DATABASE_URL, DATA_DIR still defaults to ./data, so mail lands in ./data/mail.
    mailDir: path.resolve(c.MAIL_DIR ?? path.join(c.DATA_DIR, 'mail')),
    trustProxy: c.TRUST_PROXY ?? false,
  };
}
