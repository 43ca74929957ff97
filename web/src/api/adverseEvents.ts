/** Adverse events (grade 1–5): grade 3 or more pauses the plan until a clinician reviews it. */
import type { z } from 'zod';
import { adverseEventContract } from '../../../server/modules/adverse-events/contract.ts';
import type {
  AdverseEventInput as AdverseEventInputSchema,
  AdverseEventReviewInput as AdverseEventReviewInputSchema,
  AdverseEvent as AdverseEventSchema,
} from '../../../server/modules/adverse-events/schema.ts';
import { call } from './call';

export type AdverseEvent = z.infer<typeof AdverseEventSchema>;
export type AdverseEventInput = z.input<typeof AdverseEventInputSchema>;
export type AdverseEventReview = z.input<typeof AdverseEventReviewInputSchema>;

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
