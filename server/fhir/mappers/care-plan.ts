import type { CarePlan, CarePlanActivityDetail } from '@medplum/fhirtypes';
import type { PlanStatus } from '../../platform/db/schema.ts';
import * as repo from '../repo.ts';
import type { ParsedSearch } from '../search-params.ts';
import { compact, patientRef, practitionerRef, type ResourceDefinition, source } from './types.ts';

const planStatus: Record<PlanStatus, CarePlan['status']> = {
  draft: 'draft',
  active: 'active',
  paused: 'on-hold',
  completed: 'completed',
};

const activityStatus: Record<PlanStatus, CarePlanActivityDetail['status']> = {
  draft: 'not-started',
  active: 'in-progress',
  paused: 'on-hold',
  completed: 'completed',
};

/** A treatment plan: dose, course, spacing and the safety limits that hold a session. */
export function toCarePlan(row: repo.PlanRow): CarePlan {
  const status = row.status as PlanStatus;
  const limits = [
    `${row.route} ketamine ${row.dose_mg} mg per session (plan range ${row.min_dose_mg}–${row.max_dose_mg} mg, steps of ${row.step_mg} mg)`,
    `${row.sessions_planned} sessions at least ${row.min_hours_between_sessions} hours apart`,
    `hold at blood pressure ≥ ${row.bp_systolic_limit}/${row.bp_diastolic_limit}${row.bp_limit_reason ? ` (${row.bp_limit_reason})` : ''} or heart rate outside ${row.heart_rate_min}–${row.heart_rate_max}`,
    `fast ${row.fasting_hours} hours before; support person checks in every ${row.check_in_interval_minutes} minutes`,
  ];
  return compact<CarePlan>({
    resourceType: 'CarePlan',
    id: row.id,
    meta: { versionId: String(row.version), lastUpdated: row.updated_at.toISOString() },
    status: planStatus[status],
    intent: 'plan',
    title: `${row.protocol_name} (protocol version ${row.protocol_version})`,
    description: `${limits.join('; ')}.`,
    subject: patientRef(row.patient_id),
    period: compact({ start: row.starts_on ?? undefined, end: row.ends_on ?? undefined }),
    created: row.created_at.toISOString(),
    author: practitionerRef(row.created_by),
    activity: [
      {
        detail: {
          kind: 'MedicationRequest',
          status: activityStatus[status],
          description: `Supervised at-home ${row.route} sessions: ${row.dose_mg} mg each, ${row.sessions_planned} planned.`,
          productCodeableConcept: { text: 'ketamine' },
        },
      },
    ],
    note: row.notes ? [{ text: row.notes }] : undefined,
  });
}

const statusFilter: Record<string, PlanStatus[]> = {
  draft: ['draft'],
  active: ['active'],
  'on-hold': ['paused'],
  completed: ['completed'],
};

function statusesOf(search: ParsedSearch): PlanStatus[] | undefined {
  const tokens = search.tokens.status;
  return tokens?.flatMap((t) => statusFilter[t.code] ?? []);
}

export const carePlanDefinition: ResourceDefinition = {
  type: 'CarePlan',
  documentation: 'Treatment plans: dose, course, spacing and the per-patient safety limits.',
  searchParams: [
    { name: 'patient', type: 'reference', target: 'Patient', documentation: 'Whose plans' },
    { name: 'subject', type: 'reference', target: 'Patient', documentation: 'Whose plans' },
    {
      name: 'status',
      type: 'token',
      documentation:
        'draft, active, on-hold or completed (revoked, entered-in-error and unknown find nothing)',
      // FHIR R4 request-status, the required binding of CarePlan.status.
      codes: ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'],
    },
    { name: 'date', type: 'date', documentation: 'When the plan was written (eq, ge, gt, le, lt)' },
  ],
  dateParam: 'date',
  sources: [
    source<repo.PlanRow>({
      access: { patient: 'patient.treatment.read' },
      prefix: '',
      list: (db, w, search) => repo.listPlans(db, w, statusesOf(search)),
      count: (db, w, search) => repo.countPlans(db, w, statusesOf(search)),
      toResources: async (_db, rows) => rows.map(toCarePlan),
    }),
  ],
};
