/**
 * Sessions as the care team sees them: the day's live board, a patient's sessions with their
 * timeline, scheduling the next one, and joining a first session live. (The patient's and
 * support person's session-day calls live in sessions.ts.)
 */
import type { z } from 'zod';
import { sessionContract } from '../../../server/modules/sessions/contract.ts';
import type * as schema from '../../../server/modules/sessions/schema.ts';
import { call } from './call';
import { sessionsApi } from './sessions';

export type BoardItem = z.infer<typeof schema.BoardItem>;
export type BoardStatus = z.infer<typeof schema.BoardStatus>;
export type Board = { date: string; timeZone: string; items: BoardItem[] };
export type CareSession = z.infer<typeof schema.DosingSession>;
export type CareSessionSummary = z.infer<typeof schema.DosingSessionSummary>;
export type CareSessionStatus = z.infer<typeof schema.SessionStatus>;
export type CareSessionEvent = z.infer<typeof schema.SessionEvent>;
export type HoldLiftInput = z.infer<typeof schema.HoldLiftInput>;
/** One of the day's readings on the board (every one is kept, high ones marked). */
export type BoardReading = BoardItem['readings'][number];

const inSession = (patientId: string, sessionId: string) => ({ params: { patientId, sessionId } });

export const boardApi = {
  /** A day's sessions on my patients (today in the clinic's zone unless `date` is given). */
  board: (date?: string, signal?: AbortSignal): Promise<Board> =>
    call(sessionContract.board, { query: { date }, ...(signal ? { signal } : {}) }),
  /** A nurse or clinician joins the session live (required before a first session's dose). */
  joinLive: (patientId: string, sessionId: string) =>
    call(sessionContract.joinLiveMonitor, inSession(patientId, sessionId)),
  /** A nurse or clinician lifts a hold on the day's readings, with a written reason (audited). */
  liftHold: (patientId: string, sessionId: string, input: HoldLiftInput) =>
    call(sessionContract.liftVitalsHold, { ...inSession(patientId, sessionId), body: input }),
};

/** The same calls as the patient's (the server decides what each role sees): list newest first, one, schedule. */
export const careSessionsApi = {
  list: sessionsApi.list,
  get: sessionsApi.get,
  schedule: sessionsApi.schedule,
};
