import { useSyncExternalStore } from 'react';
import { useSecondsUntil } from './wait';

/**
 * How long the web app waits before offering to resend an invitation again. Resending replaces
 * the link, so a second click moments later would send another email and kill the first link.
 */
export const RESEND_COOLDOWN_SECONDS = 60;

/** Until when (ms) each address of each organization may not be sent another invitation. */
const until = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;

const keyOf = (orgId: string, email: string) => `${orgId}:${email.toLowerCase()}`;

/** Starts the cooldown for invitations just sent to these addresses. */
export function startResendCooldown(orgId: string, emails: readonly string[], now = Date.now()) {
  for (const email of emails) until.set(keyOf(orgId, email), now + RESEND_COOLDOWN_SECONDS * 1000);
  version++;
  listeners.forEach((listener) => listener());
}

/** When resending to `email` is offered again (ms since epoch), or 0. */
export function resendCooldownEnd(orgId: string, email: string): number {
  return until.get(keyOf(orgId, email)) ?? 0;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Seconds until the invitation may be resent: the later of the app's own cooldown for its
 * address and the server's `resendAvailableAt`. Ticks every second.
 */
export function useResendWait(
  orgId: string,
  invitation: { email: string; resendAvailableAt: string | null },
): number {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => version,
  );
  const local = resendCooldownEnd(orgId, invitation.email);
  const server = invitation.resendAvailableAt ? Date.parse(invitation.resendAvailableAt) : 0;
  const end = Math.max(local, Number.isNaN(server) ? 0 : server);
  return useSecondsUntil(end > 0 ? new Date(end).toISOString() : null);
}
