/**
 * Registers a module's routes from its contract (platform/contract.ts). A module's `routes.ts`
 * is then only its handlers: each takes the validated input and the request context, calls its
 * service, and returns the body. Access, schemas, the error envelope, OpenAPI tags, rate limits
 * and the success status all come from the contract.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from './app-deps.ts';
import { type Contract, defaultStatus, type Parsed, type ReplyBody, type RouteContract } from './contract.ts';
import { ErrorResponse } from './http-schemas.ts';
import { type RequestContext, requestContext } from './request-context.ts';

/** Every error a route may answer is the same envelope; OpenAPI lists these for every route. */
const errorResponses = Object.fromEntries(
  [400, 401, 403, 404, 409, 412, 422, 429].map((status) => [status, ErrorResponse]),
);

export type RouteInput<R> = {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  headers: Parsed<R, 'headers'>;
};

/**
 * One route's work: returns the reply body (nothing for 204). The reply is there for the few
 * routes that set a header or cookie, or a status other than the contract's first.
 */
export type RouteHandler<R> = (
  input: RouteInput<R>,
  ctx: RequestContext,
  reply: FastifyReply,
  request: FastifyRequest,
) => Promise<ReplyBody<R>> | ReplyBody<R>;

/**
 * For records changed with optimistic concurrency (plans, protocols): the reply's ETag is the
 * record's version, the one a change must send back as If-Match. Returns the record.
 */
export function withVersionETag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('ETag', `"${record.version}"`);
  return record;
}

export type RouteHandlers<C extends Contract> = { [K in keyof C]: RouteHandler<C[K]> };

/**
 * A Fastify plugin that registers every route of the contract with its handler. `handlers` gets
 * the app's dependencies once, at registration.
 */
export function contractRoutes<C extends Contract, D extends AppDeps = AppDeps>(
  contract: C,
  handlers: (deps: D) => RouteHandlers<C>,
): FastifyPluginAsync<D> {
  return async (app, deps) => {
    const handlerOf = handlers(deps);
    for (const [name, route] of Object.entries(contract) as [keyof C & string, RouteContract][]) {
      const handle = handlerOf[name] as RouteHandler<RouteContract>;
      const status = defaultStatus(route);
      app.route({
        method: route.method,
        url: route.path,
        config: { access: route.access, ...(route.rateLimit ? { rateLimit: route.rateLimit } : {}) },
        schema: {
          tags: [route.tag],
          summary: route.summary,
          ...(route.description ? { description: route.description } : {}),
          ...(route.params ? { params: route.params } : {}),
          ...(route.query ? { querystring: route.query } : {}),
          ...(route.body ? { body: route.body } : {}),
          ...(route.headers ? { headers: route.headers } : {}),
          response: { ...route.responses, ...errorResponses },
        },
        handler: async (request, reply) => {
          const input = {
            params: request.params,
            query: request.query,
            body: request.body,
            headers: request.headers,
          } as unknown as RouteInput<RouteContract>;
          const body = await handle(input, requestContext(request, deps.now), reply, request);
          if (reply.sent) return reply;
          if (reply.statusCode === 200) reply.status(status);
          return reply.send(reply.statusCode === 204 ? null : body);
        },
      });
    }
  };
}
