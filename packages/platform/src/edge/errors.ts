// The one mapping from the platform's error codes to what the edge answers: an HTTP status, and a problem
// (code, message, field messages) in the reader's language. The API's error responses and the web app's
// form failures are both made here, so a refused form and a refused API call say the same thing.
import type { Locale } from '../i18n/locales.ts';
import { isMessageKey, translate } from '../i18n/translate.ts';
import type { ErrorCode, Failure, FieldError } from '../shared/result.ts';

/** HTTP status for each error code: one table, used by every API route and every form action. */
export const statusOf: Readonly<Record<ErrorCode, number>> = {
  ValidationFailed: 400,
  EmailTaken: 409,
  InvalidCredentials: 401,
  TokenInvalid: 400,
  TokenExpired: 410,
  TokenUsed: 410,
  NotSignedIn: 401,
  Forbidden: 403,
  NotFound: 404,
  RateLimited: 429,
  CsrfFailed: 403,
  PayloadTooLarge: 413,
  MalformedRequest: 400,
  OidcFailed: 401,
  Conflict: 409,
  PhaseClosed: 409,
  AlreadySupported: 409,
  AlreadyResponded: 409,
  /** A budgeting ballot that breaks a rule of the ballot design (over budget, too many projects, …). */
  BallotInvalid: 422,
  /** Posting, supporting, voting or joining needs a confirmed e-mail address (or an e-ID sign-in). */
  EmailNotConfirmed: 403,
  /** A person a moderator blocked for a period: no posting, commenting or voting until it ends. */
  AccountBlocked: 403,
  AlreadyReported: 409,
  /** Another moderator already acted on the item (the fields say who did what, and when). */
  AlreadyHandled: 409,
  /** Signing up after an event's registration deadline (or its start), or cancelling once it has started. */
  RegistrationClosed: 409,
  /** Signing up for an event one is already signed up for (with a seat or on the waiting list). */
  AlreadyRegistered: 409,
  /** Attendance, minutes and the meeting's ideas wait until the event has started. */
  EventNotStarted: 409,
  /** A recommendation sent to the decision-maker without the support its panel's threshold asks for. */
  SupportMissing: 409,
  /** A recommendation already sent to the decision-maker: no more edits, support or sending. */
  RecommendationSent: 409,
  /** A change that would lose what residents have made (a phase with inputs, an answered question or choice): the fields give the reason. */
  InUse: 409,
  Internal: 500,
};

/** One field's problem as the reader sees it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A failure as the edge answers it: its status, its code, a translated message and each field's message. */
export interface Problem {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly fields: readonly FieldProblem[];
}

/** Translates a field error's message key (plain text is kept as it is). */
export function fieldMessage(locale: Locale, error: FieldError): string {
  return isMessageKey(error.message) ? translate(locale, error.message, error.params) : error.message;
}

/**
 * The problem for a failure in `locale`. `errorId` is the logged id of an unexpected error, which the
 * message of `Internal` quotes so a person can report it.
 */
export function problemOf(locale: Locale, failure: Omit<Failure, 'ok'>, errorId?: string): Problem {
  return {
    status: statusOf[failure.code],
    code: failure.code,
    message: translate(locale, `error.${failure.code}`, { seconds: failure.retryAfterSeconds ?? 60, id: errorId ?? '' }),
    fields: (failure.fields ?? []).map((f) => ({ field: f.field, message: fieldMessage(locale, f) })),
  };
}

/** Renames fields of a failure (a form names a field differently from the use case: `title` → `phaseTitle`). */
export function renameFields(failure: Failure, names: Readonly<Record<string, string>>): Failure {
  if (!failure.fields) return failure;
  return { ...failure, fields: failure.fields.map((f) => ({ ...f, field: names[f.field] ?? f.field })) };
}
