/**
 * The readable summary of a patient's record, as a PDF drawn from the same FHIR resources as
 * the full export (so the two never disagree). pdfkit with its built-in Helvetica: no font
 * files, no network.
 */
import type {
  CarePlan,
  CareTeam,
  Consent,
  Flag,
  MedicationAdministration,
  MedicationRequest,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import PDFDocument from 'pdfkit';

export type PdfClinic = { name: string; phone: string; email: string };

/** The standard PDF fonts encode WinAnsi only: spell out the few signs they lack. */
function printable(text: string): string {
  return text
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll('→', '->')
    .replace(/[^\t\n\r\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026]/g, '?');
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '—');

function ofType<T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] {
  return resources.filter((r): r is T => r.resourceType === type);
}

const byDate = <T>(items: T[], date: (item: T) => string | undefined) =>
  [...items].sort((a, b) => (date(a) ?? '').localeCompare(date(b) ?? ''));

export async function renderRecordPdf(
  resources: readonly Resource[],
  clinic: PdfClinic,
  generatedAt: Date,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    info: { Title: 'Your health record', Author: clinic.name, CreationDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(printable(text));
    doc.moveDown(0.2).font('Helvetica').fontSize(10);
  };
  const line = (text: string) => doc.font('Helvetica').fontSize(10).text(printable(text));
  const none = (text: string) => doc.font('Helvetica-Oblique').fontSize(10).text(printable(text));

  const patient = ofType<Patient>(resources, 'Patient')[0];
  const name = patient?.name?.[0]?.text ?? 'Patient';
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(printable(`Your health record at ${clinic.name}`));
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  line(`${name} · born ${patient?.birthDate ?? 'not recorded'} · ${patient?.address?.[0]?.state ?? ''}`);
  line(`Prepared ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  doc.moveDown(0.5);
  line(
    'This is a readable summary. The complete record, in the FHIR standard that other health systems read, is the file you can download beside it (export). If anything looks wrong, tell your care team: you have the right to ask for a correction.',
  );

  heading('Care team');
  const members = ofType<CareTeam>(resources, 'CareTeam').flatMap((t) => t.participant ?? []);
  if (members.length === 0) none('No care team assigned yet.');
  for (const m of members) line(`${m.role?.[0]?.text ?? 'Member'}: ${m.member?.display ?? ''}`);

  heading('Informed consent');
  const consents = byDate(ofType<Consent>(resources, 'Consent'), (c) => c.dateTime);
  if (consents.length === 0) none('No consent signed.');
  for (const c of consents) line(`${day(c.dateTime)}: signed ${c.sourceAttachment?.title ?? 'consent'}`);

  heading('Treatment plans');
  const plans = byDate(ofType<CarePlan>(resources, 'CarePlan'), (p) => p.created);
  if (plans.length === 0) none('No treatment plan.');
  for (const p of plans) {
    line(`${day(p.created)} · ${p.status}: ${p.title ?? ''}`);
    if (p.description) doc.fontSize(9).text(printable(p.description), { indent: 12 }).fontSize(10);
  }

  heading('Prescriptions');
  const prescriptions = byDate(
    ofType<MedicationRequest>(resources, 'MedicationRequest'),
    (m) => m.authoredOn,
  );
  if (prescriptions.length === 0) none('No prescriptions.');
  for (const m of prescriptions) {
    line(
      `${day(m.authoredOn)} · ${m.status}: ${m.medicationCodeableConcept?.text ?? ''}, ${m.dispenseRequest?.quantity?.value ?? '?'} lozenges, by ${m.requester?.display ?? ''}`,
    );
    if (m.dosageInstruction?.[0]?.text)
      doc.fontSize(9).text(printable(m.dosageInstruction[0].text), { indent: 12 }).fontSize(10);
  }

  heading('Doses taken');
  const doses = byDate(
    ofType<MedicationAdministration>(resources, 'MedicationAdministration'),
    (d) => d.effectiveDateTime,
  );
  if (doses.length === 0) none('No doses recorded.');
  for (const d of doses) {
    line(
      `${day(d.effectiveDateTime)} · ${d.dosage?.dose?.value ?? '?'} mg ${d.dosage?.route?.text ?? ''} (${d.note?.[0]?.text ?? ''})`,
    );
  }

  const observations = ofType<Observation>(resources, 'Observation');
  heading('Questionnaire scores (PHQ-9 depression, GAD-7 anxiety)');
  const scores = byDate(
    observations.filter((o) => o.id?.startsWith('score-')),
    (o) => o.effectiveDateTime,
  );
  if (scores.length === 0) none('No scores yet.');
  for (const o of scores)
    line(
      `${day(o.effectiveDateTime)} · ${o.code.text}: ${o.valueInteger} — ${o.interpretation?.[0]?.text ?? ''}`,
    );

  heading('Vital signs');
  const vitals = byDate(
    observations.filter((o) => !o.id?.startsWith('score-')),
    (o) => o.effectiveDateTime,
  );
  if (vitals.length === 0) none('No vital signs recorded.');
  for (const o of vitals) {
    const value = o.component
      ? `${o.component.map((c) => c.valueQuantity?.value).join('/')} mmHg`
      : `${o.valueQuantity?.value} ${o.valueQuantity?.unit ?? ''}`;
    line(`${(o.effectiveDateTime ?? '').slice(0, 16).replace('T', ' ')} · ${o.code.text}: ${value}`);
  }

  heading('Safety alerts raised about you');
  const flags = byDate(ofType<Flag>(resources, 'Flag'), (f) => f.period?.start);
  if (flags.length === 0) none('None.');
  for (const f of flags)
    line(`${day(f.period?.start)} · ${f.status === 'active' ? 'open' : 'closed'}: ${f.code.text ?? ''}`);

  doc.moveDown(1.2);
  doc
    .font('Helvetica-Oblique')
    .fontSize(8)
    .text(
      printable(
        `PHQ-9 and GAD-7: developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. Questions about your record: ${clinic.name}, ${clinic.phone}, ${clinic.email}. In a crisis call or text 988; in an emergency call 911.`,
      ),
    );
  doc.end();
  return done;
}
