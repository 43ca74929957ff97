/**
 * Calls a route through its contract (server/modules/<module>/contract.ts): the contract gives
 * the method, the path and every type, so a screen never writes a path or a response type.
 *
 *   call(sessionContract.recordDose, { params: { patientId, sessionId }, body: event, idempotencyKey })
 */
import type { ResponseBody, RouteDefinition, Sent } from '../../../server/platform/contract.ts';
import { fillPath } from '../../../server/platform/contract.ts';
import { type RequestOptions, request } from './client';

type Slot<R, Key extends 'params' | 'query' | 'body'> =
  Sent<R, Key> extends undefined
    ? { [K in Key]?: undefined }
    : undefined extends Sent<R, Key>
      ? { [K in Key]?: Sent<R, Key> }
      : { [K in Key]: Sent<R, Key> };

export type CallInput<R> = Slot<R, 'params'> &
  Slot<R, 'query'> &
  Slot<R, 'body'> &
  Pick<RequestOptions<unknown>, 'headers' | 'signal' | 'idempotencyKey' | 'ifMatch'>;

type NeedsInput<R> =
  Sent<R, 'params'> extends undefined ? (Sent<R, 'body'> extends undefined ? false : true) : true;

export function call<R extends RouteDefinition>(
  route: R,
  ...[input]: NeedsInput<R> extends true ? [CallInput<R>] : [CallInput<R>?]
): Promise<ResponseBody<R>> {
  const { params, query, body, ...options } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: RequestOptions<unknown>['query'];
    body?: unknown;
  } & Pick<RequestOptions<unknown>, 'headers' | 'signal' | 'idempotencyKey' | 'ifMatch'>;
  return request<ResponseBody<R>>(fillPath(route.path, params), {
    ...options,
    method: route.method,
    ...(query ? { query } : {}),
    ...(body !== undefined ? { body } : {}),
  });
}
