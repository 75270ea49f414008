import type { FastifyReply } from 'fastify';
import {
  isMessageKey,
  translate,
  type ErrorCode,
  type Failure,
  type FieldError,
  type Locale,
} from '@tingsted/platform';

/** HTTP status for each error code: one table, used by every endpoint. */
export const statusOf: Record<ErrorCode, number> = {
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
  Internal: 500,
};

/** The body of every error response: `{ error: { code, message, fields } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: { field: string; message: string }[]; id?: string };
}

/** Translates a field error's message key (falls back to the key itself for plain text). */
export function fieldMessage(locale: Locale, error: FieldError): string {
  return isMessageKey(error.message) ? translate(locale, error.message, error.params) : error.message;
}

/** Builds the error body in the request's language. */
export function errorBody(locale: Locale, failure: Omit<Failure, 'ok'>, id?: string): ErrorBody {
  const key = `error.${failure.code}` as const;
  const message = translate(locale, key, {
    seconds: failure.retryAfterSeconds ?? 60,
    id: id ?? '',
  });
  return {
    error: {
      code: failure.code,
      message,
      fields: (failure.fields ?? []).map((f) => ({ field: f.field, message: fieldMessage(locale, f) })),
      ...(id ? { id } : {}),
    },
  };
}

/** Sends an expected failure with its status and translated message. */
export function sendFailure(reply: FastifyReply, locale: Locale, failure: Failure) {
  if (failure.retryAfterSeconds) reply.header('retry-after', String(failure.retryAfterSeconds));
  return reply.code(statusOf[failure.code]).send(errorBody(locale, failure));
}
