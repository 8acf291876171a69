/** Free-form, serializable details attached to a denial (limits, current usage, plan names...). */
export type PolicyMetadata = Readonly<Record<string, unknown>>;

/** What a policy returns when it has no objection. */
export interface PolicyAllow {
  readonly allowed: true;
}

/** What a policy returns to block the action. */
export interface PolicyDeny {
  readonly allowed: false;
  /** Stable, machine-readable reason (e.g. `SUBSCRIPTION_REQUIRED`); safe to branch on. */
  readonly code: string;
  /** Human-readable explanation, safe to show to the user. */
  readonly message: string;
  /** What the user can do about it. */
  readonly remediation?: string;
  readonly metadata?: PolicyMetadata;
}

export type PolicyResult = PolicyAllow | PolicyDeny;

export interface DenyInput {
  code: string;
  message: string;
  remediation?: string;
  metadata?: Record<string, unknown>;
}

const ALLOW: PolicyAllow = Object.freeze({ allowed: true });

export function allow(): PolicyAllow {
  return ALLOW;
}

export function deny({ code, message, remediation, metadata }: DenyInput): PolicyDeny {
  return Object.freeze({
    allowed: false,
    code,
    message,
    ...(remediation === undefined ? {} : { remediation }),
    ...(metadata === undefined ? {} : { metadata }),
  });
}

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a value coming back from a policy; anything else is treated as an evaluation error. */
export function isPolicyResult(value: unknown): value is PolicyResult {
  if (!isPlainRecord(value)) return false;
  if (value.allowed === true) return true;
  if (value.allowed !== false) return false;
  return (
    isNonEmptyString(value.code) &&
    isNonEmptyString(value.message) &&
    (value.remediation === undefined || typeof value.remediation === 'string') &&
    (value.metadata === undefined || isPlainRecord(value.metadata))
  );
}
