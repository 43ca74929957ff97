/**
 * A real FHIR client library (fhir-kit-client) reads, searches, pages and creates through the
 * API of a listening server, authenticated with a personal access token.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from 'fhir-kit-client';
import { demoIds } from '../seed.ts';
import { signInAs } from '../testing/sign-in.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { mintToken, questionnaireResponse } from './testing/fhir-helpers.ts';

type Json = Record<string, unknown>;
type Bundle = { total?: number; entry?: { resource: Json }[]; link?: { relation: string; url: string }[] };

describe('a FHIR client library against the listening server', () => {
  let t: TestApp;
  let baseUrl: string;
  let patientClient: Client;
  let clinicianClient: Client;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/fhir/R4`;
    patientClient = new Client({ baseUrl, bearerToken: await mintToken(t, await signInAs(t, 'patient')) });
    clinicianClient = new Client({
      baseUrl,
      bearerToken: await mintToken(t, await signInAs(t, 'clinician')),
    });
  });
  after(() => t.close());

  it('reads the CapabilityStatement and the patient', async () => {
    const capability = (await new Client({ baseUrl }).capabilityStatement()) as Json;
    assert.equal(capability.resourceType, 'CapabilityStatement');
    const patient = (await patientClient.read({ resourceType: 'Patient', id: demoIds.patient })) as Json;
    assert.equal(patient.id, demoIds.patient);
    assert.deepEqual((patient.name as { family: string }[])[0]!.family, 'Torres');
  });

  it('searches by code and date, newest first, and follows next links to the end', async () => {
    const first = (await clinicianClient.search({
      resourceType: 'Observation',
      searchParams: { patient: demoIds.patient, code: 'http://loinc.org|44261-6', _count: 1, _sort: '-date' },
    })) as Bundle;
    assert.ok((first.total ?? 0) >= 2, 'Maya has several PHQ-9 totals');
    const seen: string[] = [];
    let page: Bundle | undefined = first;
    while (page) {
      for (const e of page.entry ?? []) seen.push(String(e.resource.effectiveDateTime));
      page = (await clinicianClient.nextPage({ bundle: page as never })) as Bundle | undefined;
    }
    assert.equal(seen.length, first.total, 'paging returns every match once');
    assert.deepEqual(seen, [...seen].sort().reverse(), 'newest first');

    const recent = (await clinicianClient.search({
      resourceType: 'Observation',
      searchParams: {
        patient: demoIds.patient,
        code: 'http://loinc.org|44261-6',
        date: `ge${seen[0]!.slice(0, 10)}`,
      },
    })) as Bundle;
    assert.ok(
      (recent.entry ?? []).every((e) => String(e.resource.effectiveDateTime) >= seen[0]!.slice(0, 10)),
    );
    assert.ok((recent.total ?? 0) >= 1 && (recent.total ?? 0) < (first.total ?? 0));
  });

  it('creates a QuestionnaireResponse and finds it with its total as an Observation', async () => {
    const created = (await patientClient.create({
      resourceType: 'QuestionnaireResponse',
      body: questionnaireResponse(`Patient/${demoIds.patient}`, 'gad7', [2, 2, 1, 1, 0, 0, 1]),
    })) as Json;
    assert.equal(created.resourceType, 'QuestionnaireResponse');
    assert.equal(created.status, 'completed');

    const total = (await patientClient.read({
      resourceType: 'Observation',
      id: `score-${created.id}`,
    })) as Json;
    assert.equal(total.valueInteger, 7);
    assert.deepEqual((total.code as { coding: { code: string }[] }).coding[0]!.code, '70274-6');

    const mine = (await patientClient.search({
      resourceType: 'QuestionnaireResponse',
      searchParams: {
        patient: demoIds.patient,
        questionnaire: 'Questionnaire/gad7',
        _sort: '-authored',
        _count: 1,
      },
    })) as Bundle;
    assert.equal(mine.entry?.[0]?.resource.id, created.id);
  });

  it('a refused read reaches the client as an error carrying an OperationOutcome', async () => {
    await assert.rejects(
      patientClient.read({ resourceType: 'Patient', id: demoIds.unassignedPatient }),
      (error: { response?: { status: number; data: Json } }) => {
        assert.equal(error.response?.status, 404);
        assert.equal(error.response?.data.resourceType, 'OperationOutcome');
        return true;
      },
    );
  });
});
