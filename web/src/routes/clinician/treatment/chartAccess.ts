import { useMe } from '../../../auth/AuthProvider';

/**
 * The chart is shared: prescribers write plans, prescriptions and dose decisions; nurses on the
 * care team read it (the server refuses their prescribing anyway), so those buttons are not shown.
 */
export function useCanPrescribe(): boolean {
  return useMe().role === 'clinician';
}

/** Where "back to your patients" goes for the viewer's role. */
export function useChartHome(): { path: string; label: string } {
  return useMe().role === 'clinician'
    ? { path: '/clinician/patients', label: 'Your patients' }
    : { path: '/nurse', label: 'Your home page' };
}
