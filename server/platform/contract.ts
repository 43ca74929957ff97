/**
 * Route contracts: each module declares its HTTP routes once, as data — method, path, access,
 * summary, and the Zod schemas of params, query, body, headers and success responses — in its
 * `contract.ts`. The server registers its routes from the contract (`platform/contract-routes.ts`),
 * OpenAPI is generated from the same schemas, and the web client calls through the same objects
 * (`web/src/api/call.ts`), so no path, method or response type is written twice.
 *
 * This file and every `contract.ts` are imported by the browser too: keep them free of anything
 * server-only. In the browser build the server's schemas are inert (see
 * `web/vite/server-schemas-as-types.ts`): the web app takes only method, path and types from a
 * contract, never validates with its schemas, and ships none of them.
 */
import type { z } from 'zod';
import type { RouteAccess } from './auth.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The statuses a route may answer with on success; errors are the envelope (ErrorResponse). */
export type SuccessStatus = 200 | 201 | 202 | 204;

export type RouteDefinition = {
  method: HttpMethod;
  /** Fastify's form: `/api/patients/:patientId/sessions`. */
  path: `/${string}`;
  /** One line for the OpenAPI page and for people reading the contract. */
  summary: string;
  description?: string;
  /** Who may reach the route at all (see platform/auth.ts); the service decides the rest. */
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  /** The success replies; the lowest status is sent unless the handler sets another. */
  responses: Partial<Record<SuccessStatus, z.ZodType>>;
  /** For public routes that must not be hammered: per client address. */
  rateLimit?: { max: number; timeWindow: number };
};

export type RouteContract = RouteDefinition & {
  /** The module's name: the OpenAPI tag the route is listed under. */
  tag: string;
};

export type Contract = Record<string, RouteContract>;

/** Declares a module's routes; `tag` names the module in OpenAPI. */
export function defineContract<const T extends Record<string, RouteDefinition>>(
  tag: string,
  routes: T,
): { [K in keyof T]: T[K] & { tag: string } } {
  const contract: Record<string, RouteContract> = {};
  for (const [name, route] of Object.entries(routes)) contract[name] = { ...route, tag };
  return contract as { [K in keyof T]: T[K] & { tag: string } };
}

type Schema<R, Key extends string> = R extends { [K in Key]: infer S extends z.ZodType } ? S : never;

/** What a schema slot holds after validation on the server (undefined where the route has none). */
export type Parsed<R, Key extends 'params' | 'query' | 'body' | 'headers'> = [Schema<R, Key>] extends [never]
  ? undefined
  : z.output<Schema<R, Key>>;

/** What a client sends in a schema slot, before the server's defaults and coercions. */
export type Sent<R, Key extends 'params' | 'query' | 'body' | 'headers'> = [Schema<R, Key>] extends [never]
  ? undefined
  : z.input<Schema<R, Key>>;

type Responses<R> = R extends { responses: infer Map } ? Map : never;

/**
 * The body of any success reply, as the server gives it to the serializer. A 204 sends no body,
 * so its handler returns nothing.
 */
export type ReplyBody<R> = {
  [S in keyof Responses<R>]: S extends 204
    ? undefined | void | null
    : Responses<R>[S] extends z.ZodType
      ? z.input<Responses<R>[S]>
      : never;
}[keyof Responses<R>];

/** The body of any success reply, as the client reads it (204 gives undefined). */
export type ResponseBody<R> = {
  [S in keyof Responses<R>]: S extends 204
    ? undefined
    : Responses<R>[S] extends z.ZodType
      ? z.output<Responses<R>[S]>
      : never;
}[keyof Responses<R>];

/** The status sent when the handler sets none: the lowest success status the route lists. */
export function defaultStatus(route: RouteDefinition): SuccessStatus {
  const listed = Object.keys(route.responses).map(Number) as SuccessStatus[];
  const status = listed.sort((a, b) => a - b)[0];
  if (status === undefined) throw new Error(`${route.method} ${route.path} lists no success response.`);
  return status;
}

/**
 * The path with its `:name` parts filled in, each encoded; a part the params do not give is a
 * programming error, not a request to send.
 */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`Path ${path} needs the parameter ${name}.`);
    return encodeURIComponent(String(value));
  });
}
