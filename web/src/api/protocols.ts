/**
 * Protocol templates (admin): the versioned safety defaults every plan starts from. A change
 * sends the version it read (If-Match) and a change note; a stale version answers 412.
 */
import type { z } from 'zod';
import { protocolContract } from '../../../server/modules/protocols/contract.ts';
import type * as schema from '../../../server/modules/protocols/schema.ts';
import { call } from './call';

export type Protocol = z.infer<typeof schema.Protocol>;
export type ProtocolChange = z.input<typeof schema.ProtocolUpdateInput>;
export type TreatmentRoute = z.infer<typeof schema.TreatmentRoute>;

const protocols = protocolContract;

export const protocolsApi = {
  /** The current version of each protocol. */
  list: () => call(protocols.listProtocols),
  get: (key: string) => call(protocols.getProtocol, { params: { key } }),
  /** Every version, newest first. */
  versions: (key: string) => call(protocols.listProtocolVersions, { params: { key } }),
  update: (key: string, change: ProtocolChange, version: number) =>
    call(protocols.updateProtocol, { params: { key }, body: change, ifMatch: `"${version}"` }),
};
