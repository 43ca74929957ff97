import { type Kysely, sql } from 'kysely';

/**
 * Treatment: protocol templates (versioned safety defaults), treatment plans with their
 * version history, prescriptions and the medication count, at-home dosing sessions with
 * their event timeline, vitals and check-ins, adverse events and titration suggestions.
 * Every patient-owned row carries patient_id, indexed.
 */
const statements = [
  // One row per version of a protocol; the highest version of a key is current.
  `create table protocols (
    id uuid primary key,
    key text not null,
    version integer not null,
    name text not null,
    description text not null default '',
    route text not null check (route in ('oral', 'sublingual', 'intranasal', 'intramuscular', 'intravenous')),
    starting_dose_mg double precision not null check (starting_dose_mg > 0),
    step_mg double precision not null check (step_mg >= 0),
    min_dose_mg double precision not null check (min_dose_mg > 0),
    max_dose_mg double precision not null,
    min_hours_between_sessions integer not null check (min_hours_between_sessions >= 0),
    sessions_planned integer not null check (sessions_planned between 1 and 100),
    bp_systolic_limit integer not null,
    bp_diastolic_limit integer not null,
    heart_rate_min integer not null,
    heart_rate_max integer not null,
    fasting_hours double precision not null,
    check_in_interval_minutes integer not null,
    missed_check_in_minutes integer not null,
    bp_recheck_minutes integer not null,
    change_note text,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (key, version),
    check (max_dose_mg >= starting_dose_mg and starting_dose_mg >= min_dose_mg),
    check (heart_rate_min < heart_rate_max)
  )`,
  `create table treatment_plans (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    protocol_id uuid not null references protocols(id),
    status text not null default 'draft' check (status in ('draft', 'active', 'paused', 'completed')),
    version integer not null default 1,
    route text not null,
    dose_mg double precision not null,
    starting_dose_mg double precision not null,
    step_mg double precision not null,
    min_dose_mg double precision not null,
    max_dose_mg double precision not null,
    min_hours_between_sessions integer not null,
    sessions_planned integer not null,
    bp_systolic_limit integer not null,
    bp_diastolic_limit integer not null,
    bp_limit_reason text,
    heart_rate_min integer not null,
    heart_rate_max integer not null,
    fasting_hours double precision not null,
    check_in_interval_minutes integer not null,
    missed_check_in_minutes integer not null,
    bp_recheck_minutes integer not null,
    starts_on date,
    ends_on date,
    status_reason text,
    notes text not null default '',
    created_by uuid not null references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (dose_mg <= max_dose_mg and dose_mg >= min_dose_mg)
  )`,
  `create index treatment_plans_patient_idx on treatment_plans (patient_id, created_at)`,
  // A patient has at most one plan in force (draft, active or paused) at a time.
  `create unique index treatment_plans_one_open on treatment_plans (patient_id) where status <> 'completed'`,
  `create table treatment_plan_versions (
    plan_id uuid not null references treatment_plans(id),
    version integer not null,
    patient_id uuid not null references patients(id),
    snapshot jsonb not null,
    change_note text,
    changed_by uuid references users(id),
    changed_at timestamptz not null default now(),
    primary key (plan_id, version)
  )`,
  `create index treatment_plan_versions_patient_idx on treatment_plan_versions (patient_id)`,
  `create table prescriptions (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    plan_id uuid not null references treatment_plans(id),
    drug text not null,
    form text not null,
    strength_mg double precision not null check (strength_mg > 0),
    quantity integer not null check (quantity > 0),
    directions text not null,
    refills integer not null default 0 check (refills >= 0),
    prescriber_id uuid not null references users(id),
    prescriber_name text not null,
    dea_number text not null,
    licence_state text not null,
    licence_number text not null,
    pharmacy_name text not null,
    pharmacy_address text not null,
    pharmacy_phone text,
    written_on date not null,
    basis text not null,
    status text not null default 'active' check (status in ('active', 'cancelled')),
    received_at timestamptz,
    received_quantity integer,
    created_at timestamptz not null default now()
  )`,
  `create index prescriptions_patient_idx on prescriptions (patient_id, created_at)`,
  // The medication count as a ledger: receipts add, doses subtract, counts reported by the
  // patient are checked against what the ledger expects.
  `create table medication_count_entries (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    prescription_id uuid not null references prescriptions(id),
    kind text not null check (kind in ('received', 'dose', 'reported', 'correction')),
    change double precision not null,
    expected_after double precision not null,
    reported_count double precision,
    session_id uuid,
    note text,
    recorded_by uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index medication_count_entries_patient_idx on medication_count_entries (patient_id, created_at)`,
  `create table dosing_sessions (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    plan_id uuid not null references treatment_plans(id),
    number integer not null,
    scheduled_for timestamptz not null,
    status text not null default 'scheduled' check (status in
      ('scheduled', 'preparing', 'held', 'cleared', 'dosed', 'completed', 'missed', 'cancelled')),
    first_session boolean not null default false,
    checklist jsonb,
    intention text,
    support_confirmed_by uuid references users(id),
    support_confirmed_at timestamptz,
    support_code_hash text,
    support_code_expires_at timestamptz,
    live_monitor_id uuid references users(id),
    live_monitor_joined_at timestamptz,
    readiness jsonb,
    dose_mg double precision,
    dosed_at timestamptz,
    recheck_due_at timestamptz,
    check_in_due_at timestamptz,
    completed_at timestamptz,
    reminder_sent_at timestamptz,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (plan_id, number)
  )`,
  `create index dosing_sessions_patient_idx on dosing_sessions (patient_id, scheduled_for)`,
  `create index dosing_sessions_day_idx on dosing_sessions (scheduled_for)`,
  `create index dosing_sessions_awaiting_check_in on dosing_sessions (check_in_due_at) where status = 'dosed'`,
  // The timeline of a session: readiness, holds, dose, help, rechecks, check-ins. An event
  // sent from a device carries an idempotency key so a retry never records it twice.
  `create table session_events (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    session_id uuid not null references dosing_sessions(id),
    kind text not null,
    details jsonb not null default '{}'::jsonb,
    actor_id uuid references users(id),
    idempotency_key text,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now()
  )`,
  `create index session_events_session_idx on session_events (session_id, occurred_at)`,
  `create index session_events_patient_idx on session_events (patient_id)`,
  `create unique index session_events_idempotency on session_events (session_id, idempotency_key)
    where idempotency_key is not null`,
  `create table vitals (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    session_id uuid references dosing_sessions(id),
    context text not null check (context in ('pre_dose', 'recheck', 'other')),
    systolic integer check (systolic between 50 and 300),
    diastolic integer check (diastolic between 20 and 200),
    heart_rate integer check (heart_rate between 20 and 250),
    weight_kg double precision,
    taken_at timestamptz not null,
    recorded_by uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index vitals_patient_idx on vitals (patient_id, taken_at)`,
  `create table session_check_ins (
    session_id uuid primary key references dosing_sessions(id),
    patient_id uuid not null references patients(id),
    side_effects jsonb not null,
    effect text not null check (effect in ('none', 'mild', 'moderate', 'strong')),
    experience integer not null check (experience between 1 and 5),
    mood integer not null check (mood between 1 and 5),
    note text,
    recorded_by uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index session_check_ins_patient_idx on session_check_ins (patient_id)`,
  `create table adverse_events (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    session_id uuid references dosing_sessions(id),
    grade integer not null check (grade between 1 and 5),
    description text not null,
    occurred_at timestamptz not null,
    reported_by uuid not null references users(id),
    reviewed_by uuid references users(id),
    reviewed_at timestamptz,
    review_note text,
    created_at timestamptz not null default now()
  )`,
  `create index adverse_events_patient_idx on adverse_events (patient_id, occurred_at)`,
  `create table titration_suggestions (
    id uuid primary key,
    patient_id uuid not null references patients(id),
    plan_id uuid not null references treatment_plans(id),
    session_id uuid not null unique references dosing_sessions(id),
    action text not null check (action in ('increase', 'keep', 'decrease', 'pause')),
    current_dose_mg double precision not null,
    suggested_dose_mg double precision not null,
    reasons jsonb not null,
    status text not null default 'pending' check (status in ('pending', 'approved', 'changed')),
    decided_dose_mg double precision,
    decided_by uuid references users(id),
    decided_at timestamptz,
    note text,
    created_at timestamptz not null default now()
  )`,
  `create index titration_suggestions_patient_idx on titration_suggestions (patient_id)`,
  `create index titration_suggestions_pending on titration_suggestions (created_at) where status = 'pending'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'titration_suggestions',
    'adverse_events',
    'session_check_ins',
    'vitals',
    'session_events',
    'dosing_sessions',
    'medication_count_entries',
    'prescriptions',
    'treatment_plan_versions',
    'treatment_plans',
    'protocols',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
