import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

/** AES-256 key for endpoint secrets: HKDF-SHA256 over the app secret, for this one purpose. */
function keyFor(appSecret: string): Buffer {
  let key = keys.get(appSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', appSecret, '', 'kit/webhooks/endpoint-secret/v1', 32));
    keys.set(appSecret, key);
  }
  return key;
}

/** A new signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Seals an endpoint's signing secret with AES-256-GCM (the scheme of the email outbox bodies).
 * `boundTo` (the endpoint id) is authenticated with it: moved to another row, it no longer opens.
 */
export function sealSecret(secret: string, appSecret: string, boundTo: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(appSecret), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, ...[iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url'))].join(
    '.',
  );
}

export function openSecret(sealed: string, appSecret: string, boundTo: string): string {
  const [version, iv, data, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || data === undefined || !tag || rest.length > 0)
    throw new Error('The stored webhook secret is not in a format this version reads.');
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(appSecret),
      Buffer.from(iv, 'base64url'),
      { authTagLength: TAG_BYTES },
    );
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new Error(
      'The webhook signing secret cannot be decrypted: BETTER_AUTH_SECRET changed since the endpoint was created (or the row was altered).',
    );
  }
}
