import { loadClinic } from '../api/clinic';
import { useApiData } from '../api/useApiData';

/** The clinic's number as a link: for "call the clinic at …" beside 988 and 911. */
export interface ClinicLine {
  label: string;
  phone: string;
  href: string;
}

/** The clinic's number to call (the after-hours line when there is one), or null until it loads. */
export function useClinicLine(): ClinicLine | null {
  const clinic = useApiData(() => loadClinic(), []).data ?? null;
  if (!clinic) return null;
  const phone = clinic.afterHoursPhone ?? clinic.phone;
  return {
    label: clinic.afterHoursPhone
      ? `Call your clinic's after-hours line: ${phone}`
      : `Call your clinic: ${phone}`,
    phone,
    href: `tel:${phone.replace(/[^\d+]/g, '')}`,
  };
}
