import { ORGANIZATION_ERRORS, type OrganizationErrorCode } from './error-codes';

export interface ErrorExtra {
  remediation?: string;
  details?: unknown;
}

/** A typed, user-facing error from the organization services. */
export class OrganizationError extends Error {
  readonly status: number;
  readonly remediation?: string;
  readonly details?: unknown;

  constructor(
    readonly code: OrganizationErrorCode,
    message?: string,
    extra: ErrorExtra = {},
  ) {
    super(message ?? ORGANIZATION_ERRORS[code].message);
    this.name = 'OrganizationError';
    this.status = ORGANIZATION_ERRORS[code].status;
    this.remediation = extra.remediation;
    this.details = extra.details;
  }
}

export const fail = (code: OrganizationErrorCode, message?: string, extra?: ErrorExtra): never => {
  throw new OrganizationError(code, message, extra);
};
