import assert from 'node:assert/strict';
import { instruments } from '../../../clinical/instruments.ts';
import type { SignedIn } from '../../testing/sign-in.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { questionnaireCanonical, systems } from '../constants.ts';

type Json = Record<string, unknown>;

/** A personal access token for a signed-in user, through the real route. */
export async function mintToken(
  t: TestApp,
  who: Pick<SignedIn, 'cookie'>,
  name = 'fhir test',
): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/tokens',
    headers: { cookie: who.cookie },
    payload: { name },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().token as string;
}

export type FhirReply = { status: number; body: Json; headers: Record<string, unknown> };

/** Calls the FHIR API with a bearer token (or none) the way a FHIR client would. */
export async function fhir(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<FhirReply> {
  const res = await t.app.inject({
    method,
    url,
    headers: {
      accept: 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/fhir+json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? (res.json() as Json) : {}, headers: res.headers };
}

/** The resources of a searchset or collection Bundle. */
export function entries(bundle: Json): Json[] {
  return ((bundle.entry as { resource: Json }[] | undefined) ?? []).map((e) => e.resource);
}

/** A completed PHQ-9 or GAD-7 QuestionnaireResponse with LOINC-coded answers. */
export function questionnaireResponse(
  subject: string,
  instrument: 'phq9' | 'gad7',
  answers: readonly number[],
  extra: Json = {},
): Json & { resourceType: string } {
  const definition = instruments[instrument];
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: questionnaireCanonical[instrument],
    status: 'completed',
    subject: { reference: subject },
    item: definition.items.map((item, i) => {
      const option = definition.options.find((o) => o.value === answers[i])!;
      return {
        linkId: item.linkId,
        answer: [{ valueCoding: { system: systems.loinc, code: option.loinc, display: option.display } }],
      };
    }),
    ...extra,
  };
}

export function issueCodes(outcome: Json): string[] {
  return ((outcome.issue as { details?: { coding?: { code: string }[] } }[]) ?? []).map(
    (i) => i.details?.coding?.[0]?.code ?? '',
  );
}

export function issueExpressions(outcome: Json): string[] {
  return ((outcome.issue as { expression?: string[] }[]) ?? []).flatMap((i) => i.expression ?? []);
}
