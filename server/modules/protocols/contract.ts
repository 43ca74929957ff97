/** The protocol-template routes: the current versions, one protocol, its history, adding one, changing one over its version. */
import { defineContract } from '../../platform/contract.ts';
import {
  IfMatchHeaders,
  Protocol,
  ProtocolInput,
  ProtocolList,
  ProtocolParams,
  ProtocolUpdateInput,
} from './schema.ts';

const readers = { roles: ['admin', 'clinician'] } as const;
const admins = { roles: ['admin'] } as const;

export const protocolContract = defineContract('protocols', {
  listProtocols: {
    method: 'GET',
    path: '/api/protocols',
    summary: 'Protocol templates: the current version of each',
    access: readers,
    responses: { 200: ProtocolList },
  },
  getProtocol: {
    method: 'GET',
    path: '/api/protocols/:key',
    summary: 'The current version of a protocol (its ETag is the version)',
    access: readers,
    params: ProtocolParams,
    responses: { 200: Protocol },
  },
  listProtocolVersions: {
    method: 'GET',
    path: '/api/protocols/:key/versions',
    summary: 'Every version of a protocol, newest first',
    access: readers,
    params: ProtocolParams,
    responses: { 200: ProtocolList },
  },
  createProtocol: {
    method: 'POST',
    path: '/api/protocols',
    summary: 'Add a protocol template (version 1; audited)',
    access: admins,
    body: ProtocolInput,
    responses: { 201: Protocol },
  },
  updateProtocol: {
    method: 'PUT',
    path: '/api/protocols/:key',
    summary:
      'Change a protocol: a new version (If-Match: the version you read; a stale one gets 412; audited)',
    access: admins,
    params: ProtocolParams,
    headers: IfMatchHeaders,
    body: ProtocolUpdateInput,
    responses: { 200: Protocol },
  },
});
