/** Adverse events (grade 1–5): grade 3 or more pauses the plan until a clinician reviews it. */
import type { z } from 'zod';
import type {
  AdverseEventInput as AdverseEventInputSchema,
  AdverseEventReviewInput as AdverseEventReviewInputSchema,
  AdverseEvent as AdverseEventSchema,
} from '../../../server/modules/adverse-events/schema.ts';
import { api } from './client';

export type AdverseEvent = z.infer<typeof AdverseEventSchema>;
export type AdverseEventInput = z.input<typeof AdverseEventInputSchema>;
export type AdverseEventReview = z.input<typeof AdverseEventReviewInputSchema>;

const eventsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/adverse-events`;

export const adverseEventsApi = {
  /** Newest first. */
  list: (patientId: string) => api.get<{ items: AdverseEvent[] }>(eventsPath(patientId)),
  report: (patientId: string, input: AdverseEventInput) =>
    api.post<AdverseEvent>(eventsPath(patientId), input),
  /** A clinician's review; `resumePlan` makes a plan paused for the event active again. */
  review: (patientId: string, eventId: string, review: AdverseEventReview) =>
    api.post<AdverseEvent>(`${eventsPath(patientId)}/${encodeURIComponent(eventId)}/review`, review),
};
