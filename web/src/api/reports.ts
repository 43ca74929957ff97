/** The clinic's cohort outcome report (Hull 2022 definitions), on screen and as CSV. */
import type { z } from 'zod';
import type {
  InstrumentId as InstrumentIdSchema,
  OutcomeReport as OutcomeReportSchema,
} from '../../../server/modules/assessments/schema.ts';
import { api } from './client';

export type OutcomeReport = z.infer<typeof OutcomeReportSchema>;
export type OutcomeRate = OutcomeReport['response'];
export type ReportInstrument = z.infer<typeof InstrumentIdSchema>;

export interface OutcomeReportQuery {
  instrument: ReportInstrument;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

const REPORT_PATH = '/api/reports/outcomes';

export const reportsApi = {
  outcomes: (query: OutcomeReportQuery) => api.get<OutcomeReport>(REPORT_PATH, { query: { ...query } }),
  /** The same report as a CSV file: a plain link, so the browser downloads it with the session cookie. */
  outcomesCsvUrl: (query: OutcomeReportQuery) =>
    `${REPORT_PATH}?${new URLSearchParams({ ...query, format: 'csv' }).toString()}`,
};
