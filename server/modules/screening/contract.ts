/**
 * The screening routes: the public, stateless clinical checks (interactions, screening rules,
 * medication names) and the clinic's screening thresholds, listed under settings.
 */
import { z } from 'zod';
import { defineContract } from '../../platform/contract.ts';
import {
  InteractionsInput,
  InteractionsResult,
  MedicationSearch,
  MedicationSuggestions,
  ScreeningFactsInput,
  ScreeningResult,
  ScreeningSettings,
  ScreeningThresholds,
} from './schema.ts';

// Public and stateless, so limited per client address.
const publicLimited = { access: { public: true }, rateLimit: { max: 60, timeWindow: 60_000 } } as const;

const clinicalChecks = defineContract('clinical', {
  checkInteractions: {
    method: 'POST',
    path: '/api/clinical/interactions',
    summary: 'Check medications against the ketamine interaction knowledge base (nothing is stored)',
    ...publicLimited,
    body: InteractionsInput,
    responses: { 200: InteractionsResult },
  },
  screenFacts: {
    method: 'POST',
    path: '/api/clinical/screen',
    summary: "Run the clinic's screening rules on a set of facts (nothing is stored)",
    ...publicLimited,
    body: ScreeningFactsInput,
    responses: { 200: ScreeningResult },
  },
  suggestMedications: {
    method: 'GET',
    path: '/api/clinical/medications',
    summary: 'Medication names the knowledge base recognises, for autocomplete',
    ...publicLimited,
    query: MedicationSearch,
    responses: { 200: MedicationSuggestions },
  },
});

const screeningSettings = defineContract('settings', {
  getScreeningSettings: {
    method: 'GET',
    path: '/api/settings/screening',
    summary: "The clinic's screening thresholds",
    access: { roles: ['admin', 'clinician'] },
    responses: { 200: ScreeningSettings },
  },
  updateScreeningSettings: {
    method: 'PUT',
    path: '/api/settings/screening',
    summary: 'Change the screening thresholds (If-Match: the ETag you read; audited)',
    access: { roles: ['admin'] },
    headers: z.object({ 'if-match': z.string().max(100).optional() }),
    body: ScreeningThresholds,
    responses: { 200: ScreeningSettings },
  },
});

/** One module, two OpenAPI tags: each route keeps the tag it is listed under. */
export const screeningContract = { ...clinicalChecks, ...screeningSettings };
