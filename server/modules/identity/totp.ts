/** TOTP as RFC 6238 with the settings authenticator apps expect: SHA-1, 6 digits, 30 seconds. */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const period = 30;

function totpFor(secretBase32: string, label = 'Stillwater'): TOTP {
  return new TOTP({
    issuer: 'Stillwater',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The time step a code belongs to, if it is valid now or one step either side; undefined
 * otherwise. The caller stores the step so that each code is accepted only once.
 */
export function matchTotpStep(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / period) + delta;
}

export function totpCode(secretBase32: string, at: Date): string {
  return totpFor(secretBase32).generate({ timestamp: at.getTime() });
}

export async function totpEnrolment(
  secretBase32: string,
  accountEmail: string,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = totpFor(secretBase32, accountEmail).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret: secretBase32, otpauthUrl, qrSvg };
}
