import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@fastify/type-provider-typebox';
import { cookieNames, type Failure, type SessionUser } from '@tingsted/platform';
import { sendFailure } from '../http/errors.ts';

/** The error body schema, for the OpenAPI document. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
      id: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Error', description: 'Every error response' },
);

/** Standard error responses for an endpoint's schema. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  410: ErrorSchema,
  413: ErrorSchema,
  429: ErrorSchema,
};

export const OkSchema = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof OkSchema>;

/** Sends a failure in the request's language. */
export function failure(request: FastifyRequest, reply: FastifyReply, result: Failure) {
  return sendFailure(reply, request.ctx.locale, result);
}

/** The signed-in person, or a 401 already sent. */
export function requireUser(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
  if (request.ctx.user) return request.ctx.user;
  void sendFailure(reply, request.ctx.locale, { ok: false, code: 'NotSignedIn' });
  return null;
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure in production. */
export function setSessionCookie(reply: FastifyReply, production: boolean, token: string, expiresAt: Date) {
  reply.setCookie(cookieNames(production).session, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    expires: expiresAt,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, production: boolean) {
  reply.clearCookie(cookieNames(production).session, { path: '/', httpOnly: true, sameSite: 'lax', secure: production });
}

/** The client's address, as the rate limits key it. */
export function clientKey(request: FastifyRequest): string {
  return request.ip;
}
