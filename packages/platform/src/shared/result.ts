/**
 * The closed set of error codes the platform reports. The HTTP layer maps each to a status; pages map
 * each to a translated message (`error.<code>` in the catalogs).
 */
export type ErrorCode =
  | 'ValidationFailed'
  | 'EmailTaken'
  | 'InvalidCredentials'
  | 'TokenInvalid'
  | 'TokenExpired'
  | 'TokenUsed'
  | 'NotSignedIn'
  | 'Forbidden'
  | 'NotFound'
  | 'RateLimited'
  | 'CsrfFailed'
  | 'PayloadTooLarge'
  | 'MalformedRequest'
  | 'OidcFailed'
  | 'Conflict'
  | 'PhaseClosed'
  | 'AlreadySupported'
  | 'AlreadyResponded'
  | 'BallotInvalid'
  | 'EmailNotConfirmed'
  | 'AccountBlocked'
  | 'AlreadyReported'
  | 'AlreadyHandled'
  | 'RegistrationClosed'
  | 'AlreadyRegistered'
  | 'EventNotStarted'
  | 'SupportMissing'
  | 'RecommendationSent'
  | 'InUse'
  | 'Internal';

/** A field-level problem: the field's name and a message key (see the catalogs' `field.*` keys). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** An expected failure of a use case. */
export interface Failure {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly fields?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
}

/** A use case's outcome: the value, or an expected failure. */
export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

/** Wraps a value as a success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Builds a failure, optionally with field errors. */
export function fail(code: ErrorCode, fields?: readonly FieldError[]): Failure {
  return fields && fields.length > 0 ? { ok: false, code, fields } : { ok: false, code };
}
