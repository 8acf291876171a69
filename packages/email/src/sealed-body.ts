import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The parts of a message that hold its links (invitation, reset and verification URLs). */
export interface EmailBody {
  html: string;
  text: string;
}

/** The body could not be opened: sealed under another app secret, altered, or not a sealed body. */
export class SealedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedBodyError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cached: { secret: string; key: Buffer } | undefined;

/** AES-256 key for outbox bodies: HKDF-SHA256 over the app secret, for this one purpose. */
function keyFor(secret: string): Buffer {
  if (cached?.secret !== secret) {
    const key = Buffer.from(hkdfSync('sha256', secret, '', 'kit/email-outbox/body/v1', 32));
    cached = { secret, key };
  }
  return cached.key;
}

/**
 * Seals a body with AES-256-GCM. `boundTo` (the row id and recipient) is authenticated with it:
 * a body moved to another row, or another address, no longer opens.
 */
export const sealBody = (body: EmailBody, secret: string, boundTo: string): string =>
  seal(JSON.stringify({ html: body.html, text: body.text }), secret, boundTo);

export function openBody(sealed: string, secret: string, boundTo: string): EmailBody {
  const body = JSON.parse(open(sealed, secret, boundTo)) as EmailBody;
  return { html: body.html, text: body.text };
}

const DATE_TAG = '$date';

/** Dates (anywhere in the props) as tagged objects, so that they come back as dates. */
function tagDates(value: unknown): unknown {
  if (value instanceof Date) return { [DATE_TAG]: value.toISOString() };
  if (Array.isArray(value)) return value.map(tagDates);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      out[key] = tagDates((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * Seals a template's props (they hold the live link) for rendering at delivery. Dates survive
 * the round trip as dates.
 */
export const sealProps = (props: object, secret: string, boundTo: string): string =>
  seal(JSON.stringify(tagDates(props)), secret, boundTo);

export function openProps(
  sealed: string,
  secret: string,
  boundTo: string,
): Record<string, unknown> {
  return JSON.parse(open(sealed, secret, boundTo), (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const tagged = (value as Record<string, unknown>)[DATE_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return new Date(tagged);
    }
    return value;
  }) as Record<string, unknown>;
}

// IVs are drawn from a pool refilled from the CSPRNG: one call for many seals (an import seals
// thousands at once), each IV still used once.
const IV_POOL_SIZE = IV_BYTES * 1024;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_SIZE);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

function seal(plain: string, secret: string, boundTo: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

function open(sealed: string, secret: string, boundTo: string): string {
  const [version, iv, data, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || !iv || data === undefined || !tag || rest.length > 0)
    throw new SealedBodyError('The stored message body is not in a format this version reads.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SealedBodyError(
      'The stored message body cannot be decrypted: BETTER_AUTH_SECRET changed since it was queued (or the row was altered).',
    );
  }
}
