import type { FastifyReply } from 'fastify';
import type { ErrorCode, Failure, Locale } from '@tingsted/platform';
import { problemOf } from '@tingsted/platform/edge';

/** The body of every error response: `{ error: { code, message, fields } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: { field: string; message: string }[]; id?: string };
}

/** Builds the error body in the request's language (the problem of the one edge table, packages/platform/src/edge). */
export function errorBody(locale: Locale, failure: Omit<Failure, 'ok'>, id?: string): ErrorBody {
  const problem = problemOf(locale, failure, id);
  return { error: { code: problem.code, message: problem.message, fields: [...problem.fields], ...(id ? { id } : {}) } };
}

/** Sends an expected failure with its status and translated message. */
export function sendFailure(reply: FastifyReply, locale: Locale, failure: Failure) {
  if (failure.retryAfterSeconds) reply.header('retry-after', String(failure.retryAfterSeconds));
  const problem = problemOf(locale, failure);
  return reply.code(problem.status).send({ error: { code: problem.code, message: problem.message, fields: [...problem.fields] } });
}
