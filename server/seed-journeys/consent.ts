/** The demo clinic's consent document, published once: what demo patients sign. Part of the demo seed (seed.ts). */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { consentDocumentHash } from '../modules/consent/service.ts';
import type { Database } from '../platform/db/schema.ts';

export const demoConsentDocument = {
  title: 'Informed consent for at-home oral ketamine treatment',
  body: `This document explains the treatment your clinician has proposed, so that you can decide whether to go ahead. Please read it carefully, and ask your care team about anything that is unclear.

1. What the treatment is. Ketamine is a medicine first used as an anaesthetic. At lower doses, taken as a lozenge under your care team's guidance, it can ease depression and anxiety that other treatments have not helped. It is not approved for this use by the FDA; it is prescribed "off-label", which is legal and common, but means the evidence is still growing.

2. How sessions work. You take each dose at home, at the time agreed, in a quiet private room, with a support person aged 18 or over nearby who is sober and stays within calling distance. Before every dose you check your blood pressure and heart rate and complete a short checklist; if anything is outside your plan's limits, the session is paused and your care team contacts you. Your first session is watched live by a nurse or clinician by video.

3. What you may feel. Effects usually begin within 10 to 15 minutes, are strongest around 30 to 45 minutes and mostly fade within 1 to 2 hours. You may feel detached from your body or surroundings (dissociation), dizzy, sleepy or sick, have blurred vision or a headache, or feel anxious. Blood pressure and heart rate rise for a while. Rarely, people have distressing experiences, confusion, or bladder problems with repeated use.

4. Keeping safe. Do not eat for a few hours before a dose, and do not drink alcohol in the 24 hours before. Do not drive or operate machinery until the next day, after a night's sleep. Tell your care team about every medicine and supplement you take, and about any change. Keep your lozenges locked away and never share them: ketamine is a controlled substance (Schedule III) and can be misused.

5. Getting help. During a session, the "I need help" button alerts your care team. In a crisis, call or text 988 at any time; in an emergency, call 911.

6. Your choices. Taking part is voluntary. You can pause or stop at any time, and your other care will not be affected. Your care team may pause or stop treatment if it is not safe to continue.

7. Your information. Your answers, scores and session records are kept securely, seen only by your care team, and every access is recorded.

By signing, you confirm that you have read this document, had the chance to ask questions, and agree to start treatment.`,
};

export async function seedConsentDocument(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('consent_documents').select('id').executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('consent_documents')
    .values({
      id: uuidv7(),
      version: 1,
      title: demoConsentDocument.title,
      body: demoConsentDocument.body,
      material: true,
      content_hash: consentDocumentHash(demoConsentDocument.title, demoConsentDocument.body),
      published_at: now,
      published_by: null,
    })
    .execute();
  return true;
}
