import { insertClinicIfMissing } from './modules/clinic/repo.ts';
import type { AppDeps } from './platform/app-deps.ts';

/**
 * The demo clinic: what a new install shows so people can try every role at once.
 * Idempotent: each step creates only what is missing, so running it again changes nothing.
 * Later capabilities add their demo records here, each as its own step.
 */
export async function seedDemoClinic(deps: Pick<AppDeps, 'database'>): Promise<{ created: string[] }> {
  const created: string[] = [];
  const db = deps.database.db;

  const clinicCreated = await insertClinicIfMissing(db, {
    name: 'Stillwater Demo Clinic',
    phone: '+1 (555) 010-0100',
    after_hours_phone: '+1 (555) 010-0199',
    email: 'care@stillwater.example',
    time_zone: 'America/Denver',
    updated_at: new Date(),
  });
  if (clinicCreated) created.push('clinic');

  return { created };
}

export const demoPassword = 'calm-harbor-demo-2026';
