/**
 * `npm run bench`: read-path latency as the clinic grows 100×.
 *
 * For a caseload of 100 and then 10,000 patients (all on the demo clinician's team, each with
 * PHQ-9/GAD-7 histories), measures through the real app (HTTP inject: routing, auth, access
 * checks, audit write, serialisation) and through the raw SQL of the same query:
 *   - the caseload's first page sorted by risk, a deep page (keyset cursor), a name search;
 *   - the clinician's attention list;
 *   - one patient's score history.
 * Prints p50 / p95 in milliseconds and the app's overhead over raw SQL, and checks the target:
 * latency at 10,000 within 3× of latency at 100 (flat, index-backed). PGlite by default;
 * BENCH_DATABASE_URL=postgres://… runs it against PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { severityBand } from '../clinical/instruments.ts';
import { demoIds } from '../server/seed.ts';
import { signInAs } from '../server/testing/sign-in.ts';
import { startTestApp, type TestApp } from '../server/testing/test-app.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 60);
const sizes = [100, 10_000];
const givenNames = ['Ana', 'Ben', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'June', 'Kai', 'Lena'];
const familyNames = [
  'Abbott',
  'Baker',
  'Chen',
  'Duarte',
  'Evans',
  'Fischer',
  'Garcia',
  'Haas',
  'Ito',
  'Jones',
];

async function addPatients(t: TestApp, count: number, offset: number) {
  const db = t.deps.database.db;
  const day = 86_400_000;
  const now = t.clock.now().getTime();
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const n = offset + start + i;
      const latest = (n * 7) % 28;
      return {
        id: uuidv7(),
        given_name: givenNames[n % givenNames.length]!,
        family_name: `${familyNames[n % familyNames.length]}${n}`,
        state_of_residence: 'CO',
        journey_stage: 'sessions',
        latest_phq9: latest,
        latest_phq9_at: new Date(now - (n % 30) * day),
        latest_gad7: latest % 22,
        latest_gad7_at: new Date(now - (n % 30) * day),
        alert_rank: n % 17 === 0 ? 3 : n % 11 === 0 ? 2 : 0,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('patients').values(batch).execute();
      await trx
        .insertInto('care_team')
        .values(
          batch.map((p) => ({
            id: uuidv7(),
            patient_id: p.id,
            staff_user_id: demoIds.clinician,
            role: 'prescriber',
          })),
        )
        .execute();
      const scores = batch.flatMap((p, i) =>
        [0, 1, 2, 3].flatMap((k) =>
          (['phq9', 'gad7'] as const).map((instrument) => {
            const total = Math.max(
              0,
              Math.min(instrument === 'phq9' ? 27 : 21, 18 - k * 3 + ((offset + start + i) % 5)),
            );
            return {
              id: uuidv7(),
              patient_id: p.id,
              instrument,
              answers: JSON.stringify([]),
              total,
              band: severityBand(instrument, total),
              context: (k === 0 ? 'baseline' : 'before_session') as 'baseline' | 'before_session',
              source: 'import' as const,
              taken_at: new Date(now - (40 - k * 10) * day),
            };
          }),
        ),
      );
      await trx.insertInto('assessments').values(scores).execute();
    });
  }
  await sql`analyze`.execute(db);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i += 1) await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

type Row = { size: number; name: string; appP50: number; appP95: number; sqlP50: number; sqlP95: number };

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const t = await startTestApp();
  const db = t.deps.database.db;
  const rows: Row[] = [];
  let added = 0;
  try {
    for (const size of sizes) {
      await addPatients(t, size - added, added);
      added = size;
      const clinician = await signInAs(t, 'clinician');
      const get = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: clinician.cookie } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        return res.json();
      };
      // A cursor about halfway down the risk-sorted list.
      let cursor: string | null = null;
      for (let page = 0; page < Math.min(20, size / 100); page += 1) {
        cursor = (await get(`/api/patients?sort=risk&limit=50${cursor ? `&cursor=${cursor}` : ''}`))
          .nextCursor;
      }
      const somePatient = (await get('/api/patients?sort=name&limit=1')).items[0].id as string;
      const rawCaseload = () =>
        sql`select p.id from patients p join care_team c on c.patient_id = p.id and c.staff_user_id = ${demoIds.clinician}
            order by p.alert_rank desc, p.latest_phq9 desc nulls last, p.id limit 51`.execute(db);
      const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
        ['caseload, first page by risk', () => get('/api/patients?sort=risk&limit=50'), rawCaseload],
        [
          'caseload, deep page (keyset)',
          () => get(`/api/patients?sort=risk&limit=50&cursor=${cursor}`),
          rawCaseload,
        ],
        [
          'caseload, name search',
          () => get('/api/patients?search=chen1&limit=50'),
          () =>
            sql`select p.id from patients p join care_team c on c.patient_id = p.id and c.staff_user_id = ${demoIds.clinician}
                where lower(p.family_name) like 'chen1%' or lower(p.given_name) like 'chen1%'
                order by lower(p.family_name), lower(p.given_name), p.id limit 51`.execute(db),
        ],
        [
          'attention list',
          () => get('/api/attention'),
          () =>
            sql`select severity, count(*) from alerts where status = 'open' group by severity`.execute(db),
        ],
        [
          'one patient’s scores',
          () => get(`/api/patients/${somePatient}/assessments`),
          () =>
            sql`select * from assessments where patient_id = ${somePatient} order by taken_at, id`.execute(
              db,
            ),
        ],
      ];
      for (const [name, app, raw] of cases) {
        const a = await time(app);
        const r = await time(raw);
        rows.push({ size, name, appP50: a.p50, appP95: a.p95, sqlP50: r.p50, sqlP95: r.p95 });
      }
    }
  } finally {
    await t.close();
  }

  const fmt = (n: number) => n.toFixed(2).padStart(8);
  process.stdout.write(
    `\nStillwater read-path benchmark (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${iterations} runs each, ms)\n\n`,
  );
  process.stdout.write(
    `${'patients'.padStart(8)}  ${'query'.padEnd(32)} app p50  app p95  sql p50  sql p95\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `${String(row.size).padStart(8)}  ${row.name.padEnd(32)}${fmt(row.appP50)} ${fmt(row.appP95)} ${fmt(row.sqlP50)} ${fmt(row.sqlP95)}\n`,
    );
  }
  let failed = false;
  for (const name of new Set(rows.map((r) => r.name))) {
    const small = rows.find((r) => r.name === name && r.size === sizes[0])!;
    const large = rows.find((r) => r.name === name && r.size === sizes[1])!;
    const growth = large.appP50 / small.appP50;
    const flat = growth <= 3;
    if (!flat) failed = true;
    process.stdout.write(
      `${flat ? 'ok  ' : 'SLOW'} ${name}: p50 ×${growth.toFixed(2)} from ${sizes[0]} to ${sizes[1]} patients\n`,
    );
  }
  process.stdout.write(`\n${JSON.stringify({ iterations, rows })}\n`);
  if (failed) process.exitCode = 1;
}

await main();
