/**
 * Protocol templates (admin): the versioned safety defaults every plan starts from. A change
 * sends the version it read (If-Match) and a change note; a stale version answers 412.
 */
import type { z } from 'zod';
import type {
  ProtocolList,
  Protocol as ProtocolSchema,
  ProtocolUpdateInput as ProtocolUpdateInputSchema,
  TreatmentRoute as TreatmentRouteSchema,
} from '../../../server/modules/protocols/schema.ts';
import { api } from './client';

export type Protocol = z.infer<typeof ProtocolSchema>;
export type ProtocolChange = z.input<typeof ProtocolUpdateInputSchema>;
export type TreatmentRoute = z.infer<typeof TreatmentRouteSchema>;

const protocolPath = (key: string) => `/api/protocols/${encodeURIComponent(key)}`;

export const protocolsApi = {
  /** The current version of each protocol. */
  list: () => api.get<z.infer<typeof ProtocolList>>('/api/protocols'),
  get: (key: string) => api.get<Protocol>(protocolPath(key)),
  /** Every version, newest first. */
  versions: (key: string) => api.get<z.infer<typeof ProtocolList>>(`${protocolPath(key)}/versions`),
  update: (key: string, change: ProtocolChange, version: number) =>
    api.put<Protocol>(protocolPath(key), change, { ifMatch: `"${version}"` }),
};
