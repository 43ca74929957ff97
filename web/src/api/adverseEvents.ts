/** Adverse events (grade 1–5): grade 3 or more pauses the plan until a clinician reviews it. */
import type { z } from 'zod';
import { adverseEventContract } from '../../../server/modules/adverse-events/contract.ts';
import type * as schema from '../../../server/modules/adverse-events/schema.ts';
import { call } from './call';

export type AdverseEvent = z.infer<typeof schema.AdverseEvent>;
export type AdverseEventInput = z.input<typeof schema.AdverseEventInput>;
export type AdverseEventReview = z.input<typeof schema.AdverseEventReviewInput>;

const events = adverseEventContract;

export const adverseEventsApi = {
  /** Newest first. */
  list: (patientId: string) => call(events.listAdverseEvents, { params: { patientId } }),
  report: (patientId: string, input: AdverseEventInput) =>
    call(events.reportAdverseEvent, { params: { patientId }, body: input }),
  /** A clinician's review; `resumePlan` makes a plan paused for the event active again. */
  review: (patientId: string, eventId: string, review: AdverseEventReview) =>
    call(events.reviewAdverseEvent, { params: { patientId, eventId }, body: review }),
};
