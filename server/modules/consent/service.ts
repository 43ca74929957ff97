import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { requireAccess, requireRole } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/app-deps.ts';
import { appendAudit, auditPatientRead } from '../../platform/audit.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestContext } from '../../platform/request-context.ts';
import * as intakeRepo from '../intake/repo.ts';
import { findPatient } from '../patients/repo.ts';
import * as repo from './repo.ts';
import type { PublishConsentDocumentInput, SignConsentInput } from './schema.ts';

export function consentDocumentHash(title: string, body: string): string {
  return createHash('sha256').update(title).update('\n\n').update(body).digest('hex');
}

function documentView(doc: NonNullable<Awaited<ReturnType<typeof repo.findCurrentDocument>>>) {
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    body: doc.body,
    material: doc.material,
    contentHash: doc.content_hash,
    publishedAt: doc.published_at.toISOString(),
  };
}

/** An admin publishes a new version; a material one means everyone signs again before their next session. */
export async function publishConsentDocument(
  deps: AppDeps,
  context: RequestContext,
  input: z.infer<typeof PublishConsentDocumentInput>,
) {
  const actor = requireRole(context, ['admin']);
  const db = deps.database.db;
  const id = uuidv7();
  return db.transaction().execute(async (trx) => {
    const current = await repo.findCurrentDocument(trx);
    const version = (current?.version ?? 0) + 1;
    if (!current && !input.material) {
      throw new AppError(
        'invalid_request',
        'material: the first consent document must be material (everyone signs it).',
      );
    }
    await repo.insertDocument(trx, {
      id,
      version,
      title: input.title,
      body: input.body,
      material: input.material,
      contentHash: consentDocumentHash(input.title, input.body),
      publishedBy: actor.userId,
      now: context.now(),
    });
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'consent.document.publish',
      entityType: 'ConsentDocument',
      entityId: id,
      details: { version, material: input.material },
    });
    return documentView((await repo.findCurrentDocument(trx))!);
  });
}

export async function currentConsentDocument(deps: AppDeps) {
  const doc = await repo.findCurrentDocument(deps.database.db);
  if (!doc) throw new AppError('not_found', 'The clinic has not published a consent document yet.');
  return documentView(doc);
}

export async function listConsentDocuments(deps: AppDeps, context: RequestContext) {
  requireRole(context, ['admin', 'clinician']);
  return (await repo.listDocuments(deps.database.db)).map(documentView);
}

/** Whether the patient's signed consent covers the latest material version (used before every session). */
export async function consentStatus(db: Kysely<Database>, patientId: string) {
  const [signed, latestMaterial, current] = await Promise.all([
    repo.listConsents(db, patientId),
    repo.findLatestMaterialVersion(db),
    repo.findCurrentDocument(db),
  ]);
  const newestSigned = signed.reduce((max, c) => Math.max(max, c.document_version), 0);
  const required = latestMaterial?.version ?? null;
  return {
    upToDate: required !== null && newestSigned >= required,
    signedVersion: newestSigned || null,
    requiredVersion: required,
    currentVersion: current?.version ?? null,
  };
}

const normaliseName = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

export async function signConsent(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  input: z.infer<typeof SignConsentInput>,
) {
  const db = deps.database.db;
  await requireAccess(db, context, patientId, 'patient.consent.sign');
  if (input.agree !== true) {
    throw new AppError(
      'invalid_request',
      'agree: tick the box to say you have read and agree to the document.',
    );
  }
  const intake = await intakeRepo.findLatestIntake(db, patientId);
  if (intake?.status !== 'approved') {
    throw new AppError('conflict', 'Consent comes after a clinician has approved your intake.');
  }
  const doc = await repo.findCurrentDocument(db);
  if (!doc || doc.version !== input.documentVersion) {
    throw new AppError(
      'conflict',
      'A newer version of the consent document was published. Please read it and sign that one.',
      {
        currentVersion: doc?.version ?? null,
      },
    );
  }
  const patient = (await findPatient(db, patientId))!;
  const fullName = `${patient.given_name} ${patient.family_name}`;
  if (normaliseName(input.signedName) !== normaliseName(fullName)) {
    throw new AppError(
      'invalid_request',
      `signedName: type your full name exactly as on your account (${fullName}).`,
    );
  }
  const now = context.now();
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    const inserted = await repo.insertConsent(trx, {
      id,
      patientId,
      documentId: doc.id,
      version: doc.version,
      hash: doc.content_hash,
      signedName: input.signedName.trim(),
      now,
      ip: context.ip,
      userAgent: context.userAgent,
    });
    if (!inserted) throw new AppError('conflict', 'You have already signed this version.');
    if (patient.journey_stage === 'consent') {
      await intakeRepo.updatePatientFromIntake(trx, patientId, { journey_stage: 'plan' }, now);
    }
    await appendAudit(trx, context, {
      action: 'C',
      subtype: 'consent.sign',
      patientId,
      entityType: 'Consent',
      entityId: id,
      details: { version: doc.version, documentHash: doc.content_hash },
    });
  });
  return { id, documentVersion: doc.version, signedAt: now.toISOString(), documentHash: doc.content_hash };
}

export async function listPatientConsents(deps: AppDeps, context: RequestContext, patientId: string) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.consent.read');
  const rows = await repo.listConsents(db, patientId);
  const status = await consentStatus(db, patientId);
  await auditPatientRead(db, context, 'consent.read', grant);
  return {
    status,
    items: rows.map((row) => ({
      id: row.id,
      documentVersion: row.document_version,
      title: row.title,
      signedName: row.signed_name,
      signedAt: row.signed_at.toISOString(),
      documentHash: row.document_hash,
    })),
  };
}

/** What the patient signed, as a plain-text document with the signature record at the end. */
export async function consentDocumentCopy(
  deps: AppDeps,
  context: RequestContext,
  patientId: string,
  consentId: string,
) {
  const db = deps.database.db;
  const grant = await requireAccess(db, context, patientId, 'patient.consent.read');
  const consent = (await repo.listConsents(db, patientId)).find((c) => c.id === consentId);
  if (!consent) throw new AppError('not_found', 'No such signed consent.');
  await auditPatientRead(db, context, 'consent.download', grant, { entityId: consentId });
  const text = [
    consent.title,
    `Version ${consent.document_version}`,
    '',
    consent.body,
    '',
    '—'.repeat(40),
    'Electronic signature',
    `Signed by: ${consent.signed_name}`,
    `Signed at: ${consent.signed_at.toISOString()} (UTC)`,
    `From address: ${consent.ip ?? 'unknown'}`,
    `Document fingerprint (SHA-256): ${consent.document_hash}`,
    '',
  ].join('\n');
  return { filename: `stillwater-consent-v${consent.document_version}.txt`, text };
}
