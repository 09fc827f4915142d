import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 as authenticator apps and Mattermost use it: SHA-1, 6 digits, 30 s steps.
const DIGITS = 6;
const PERIOD = 30;
// One step either side (Mattermost's WindowSize 3): tolerates a clock off by up to 30 s.
const WINDOW = 1;

/** A new 160-bit secret in unpadded base32, as authenticator apps expect. */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, issuer = '', label = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** A code has exactly six digits; anything else is not even worth checking. */
export function isWellFormedCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

export function codeMatches(secret: string, code: string, now = Date.now()): boolean {
  if (!secret || !isWellFormedCode(code)) return false;
  return totpOf(secret).validate({ token: code, window: WINDOW, timestamp: now }) !== null;
}

/** The `otpauth://totp/...` URI and its QR code as base64 PNG (the `qr_code` of MfaSecret). */
export async function qrCodeFor(secret: string, issuer: string, account: string): Promise<string> {
  const uri = totpOf(secret, issuer, account).toString();
  const png = await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M', margin: 2 });
  return png.toString('base64');
}
