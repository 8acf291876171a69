import { createHash, randomBytes } from 'node:crypto';

/** Row ids: time-ordered UUIDs (see @kit/database). */
export { newId } from '@kit/database';

/** 256 bits from the CSPRNG, URL-safe. Only its hash is stored. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `count` tokens from one call to the CSPRNG (an import makes thousands). */
export function newInvitationTokens(count: number): Array<{ token: string; tokenHash: string }> {
  const bytes = randomBytes(32 * count);
  return Array.from({ length: count }, (_, i) => {
    const token = bytes.subarray(i * 32, i * 32 + 32).toString('base64url');
    return { token, tokenHash: hashToken(token) };
  });
}
