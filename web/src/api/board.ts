/**
 * Sessions as the care team sees them: the day's live board, a patient's sessions with their
 * timeline, scheduling the next one, and joining a first session live. (The patient's and
 * support person's session-day calls live in sessions.ts.)
 */
import type { z } from 'zod';
import type {
  BoardItem as BoardItemSchema,
  BoardStatus as BoardStatusSchema,
  DosingSession as DosingSessionSchema,
  DosingSessionSummary as DosingSessionSummarySchema,
  HoldLiftInput as HoldLiftInputSchema,
  SessionEvent as SessionEventSchema,
  SessionStatus as SessionStatusSchema,
} from '../../../server/modules/sessions/schema.ts';
import { api } from './client';

export type BoardItem = z.infer<typeof BoardItemSchema>;
export type BoardStatus = z.infer<typeof BoardStatusSchema>;
export type Board = { date: string; timeZone: string; items: BoardItem[] };
export type CareSession = z.infer<typeof DosingSessionSchema>;
export type CareSessionSummary = z.infer<typeof DosingSessionSummarySchema>;
export type CareSessionStatus = z.infer<typeof SessionStatusSchema>;
export type CareSessionEvent = z.infer<typeof SessionEventSchema>;
export type HoldLiftInput = z.infer<typeof HoldLiftInputSchema>;
/** One of the day's readings on the board (every one is kept, high ones marked). */
export type BoardReading = BoardItem['readings'][number];

const sessionsPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/sessions`;
const sessionPath = (patientId: string, sessionId: string) =>
  `${sessionsPath(patientId)}/${encodeURIComponent(sessionId)}`;

export const boardApi = {
  /** A day's sessions on my patients (today in the clinic's zone unless `date` is given). */
  board: (date?: string, signal?: AbortSignal) =>
    api.get<Board>('/api/sessions/board', { query: { date }, ...(signal ? { signal } : {}) }),
  /** A nurse or clinician joins the session live (required before a first session's dose). */
  joinLive: (patientId: string, sessionId: string) =>
    api.post<CareSession>(`${sessionPath(patientId, sessionId)}/live-monitor`),
  /** A nurse or clinician lifts a hold on the day's readings, with a written reason (audited). */
  liftHold: (patientId: string, sessionId: string, input: HoldLiftInput) =>
    api.post<CareSession>(`${sessionPath(patientId, sessionId)}/hold-lift`, input),
};

export const careSessionsApi = {
  /** Newest first. */
  list: (patientId: string) => api.get<{ items: CareSessionSummary[] }>(sessionsPath(patientId)),
  get: (patientId: string, sessionId: string) => api.get<CareSession>(sessionPath(patientId, sessionId)),
  schedule: (patientId: string, scheduledFor: string) =>
    api.post<CareSession>(sessionsPath(patientId), { scheduledFor }),
};
