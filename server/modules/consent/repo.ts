import type { Db } from '../../platform/db/schema.ts';

export function findCurrentDocument(db: Db) {
  return db
    .selectFrom('consent_documents')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listDocuments(db: Db) {
  return db.selectFrom('consent_documents').selectAll().orderBy('version', 'desc').execute();
}

/** The newest version whose change was material: signing it or anything later is current consent. */
export function findLatestMaterialVersion(db: Db) {
  return db
    .selectFrom('consent_documents')
    .select('version')
    .where('material', '=', true)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDocument(
  db: Db,
  doc: {
    id: string;
    version: number;
    title: string;
    body: string;
    material: boolean;
    contentHash: string;
    publishedBy: string | null;
    now: Date;
  },
) {
  await db
    .insertInto('consent_documents')
    .values({
      id: doc.id,
      version: doc.version,
      title: doc.title,
      body: doc.body,
      material: doc.material,
      content_hash: doc.contentHash,
      published_by: doc.publishedBy,
      published_at: doc.now,
    })
    .execute();
}

export function listConsents(db: Db, patientId: string) {
  return db
    .selectFrom('consents')
    .innerJoin('consent_documents', 'consent_documents.id', 'consents.document_id')
    .selectAll('consents')
    .select(['consent_documents.title', 'consent_documents.body'])
    .where('consents.patient_id', '=', patientId)
    .orderBy('consents.signed_at', 'desc')
    .execute();
}

export async function insertConsent(
  db: Db,
  consent: {
    id: string;
    patientId: string;
    documentId: string;
    version: number;
    hash: string;
    signedName: string;
    now: Date;
    ip: string;
    userAgent: string | null;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('consents')
    .values({
      id: consent.id,
      patient_id: consent.patientId,
      document_id: consent.documentId,
      document_version: consent.version,
      document_hash: consent.hash,
      signed_name: consent.signedName,
      signed_at: consent.now,
      ip: consent.ip,
      user_agent: consent.userAgent,
    })
    .onConflict((oc) => oc.columns(['patient_id', 'document_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
