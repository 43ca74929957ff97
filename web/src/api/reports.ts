/** The clinic's cohort outcome report (Hull 2022 definitions), on screen and as CSV. */
import type { z } from 'zod';
import { assessmentContract } from '../../../server/modules/assessments/contract.ts';
import type * as schema from '../../../server/modules/assessments/schema.ts';
import { call } from './call';

export type OutcomeReport = z.infer<typeof schema.OutcomeReport>;
export type OutcomeRate = OutcomeReport['response'];
export type ReportInstrument = z.infer<typeof schema.InstrumentId>;

export interface OutcomeReportQuery {
  instrument: ReportInstrument;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

const report = assessmentContract.outcomeReport;

export const reportsApi = {
  /** The report as JSON (the route's default format; only format=csv answers text). */
  outcomes: (query: OutcomeReportQuery) => call(report, { query: { ...query } }) as Promise<OutcomeReport>,
  /** The same report as a CSV file: a plain link, so the browser downloads it with the session cookie. */
  outcomesCsvUrl: (query: OutcomeReportQuery) =>
    `${report.path}?${new URLSearchParams({ ...query, format: 'csv' }).toString()}`,
};
