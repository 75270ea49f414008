import type { FastifyRequest } from 'fastify';
import Type, { type TObject } from 'typebox';
import type { Contract, InputOf } from '@tingsted/platform/edge';
import { errorResponses } from './shared.ts';

/**
 * A route's schema from a use case's contract: the operationId and summary, the path parameters (`path`),
 * the rest of the input as the body (or, for GET, the query string), and the output as the `status` response.
 * Copy this pattern for a new use case: contract → service → route (this) → form action → presenter.
 */
export function contractSchema<C extends Contract, S extends 200 | 201 = 200>(
  definition: C,
  options: { tags: string[]; path: readonly string[]; status?: S; method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' },
): ContractRouteSchema<C, S> {
  const input = definition.input as TObject;
  const rest = Type.Omit(input, [...options.path]);
  const status = options.status ?? 200;
  const schema: ContractRouteSchema<C, S> = {
    operationId: definition.name,
    summary: definition.summary,
    tags: options.tags,
    response: { ...errorResponses, [status]: definition.output } as ContractRouteSchema<C, S>['response'],
  };
  if (options.path.length > 0) schema.params = Type.Pick(input, [...options.path]);
  if (Object.keys(rest.properties).length > 0) {
    if (options.method === 'GET' || options.method === 'DELETE') schema.querystring = rest;
    else schema.body = rest;
  }
  return schema;
}

/** A route schema made from a contract. */
export interface ContractRouteSchema<C extends Contract, S extends number> {
  operationId: string;
  summary: string;
  tags: string[];
  params?: TObject;
  body?: TObject;
  querystring?: TObject;
  response: typeof errorResponses & Record<S, C['output']>;
}

/**
 * The use case's input from a request whose parts Fastify has checked against the pieces of the same contract
 * (`contractSchema`): path parameters, body and query string together.
 */
export function contractInput<C extends Contract>(_definition: C, request: FastifyRequest): InputOf<C> {
  const parts = [request.params, request.body, request.query].filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null);
  return Object.assign({}, ...parts) as InputOf<C>;
}
