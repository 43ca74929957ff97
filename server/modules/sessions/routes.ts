import { contractRoutes } from '../../platform/contract-routes.ts';
import { checkIn, recordRecheck } from './after-dose.ts';
import { sessionBoard } from './board.ts';
import { sessionContract } from './contract.ts';
import { recordHardMoment } from './hard-moment.ts';
import { requestHelp } from './help-request.ts';
import { checkReadiness, liftVitalsHold, prepareSession, recordDose, recordReading } from './pre-dose.ts';
import {
  confirmSupportFromAccount,
  confirmSupportWithCode,
  createSupportCode,
  joinLiveMonitor,
} from './presence.ts';
import { scheduleSession } from './scheduling.ts';
import { supportWatchState } from './support-watch.ts';
import { getSession, listPatientSessions } from './views.ts';

export const sessionRoutes = contractRoutes(sessionContract, (deps) => ({
  listSessions: async ({ params }, ctx) => ({
    items: await listPatientSessions(deps, ctx, params.patientId),
  }),
  scheduleSession: ({ params, body }, ctx) => scheduleSession(deps, ctx, params.patientId, body),
  getSession: ({ params }, ctx) => getSession(deps, ctx, params.patientId, params.sessionId),
  prepareSession: ({ params, body }, ctx) =>
    prepareSession(deps, ctx, params.patientId, params.sessionId, body),
  createSupportCode: ({ params }, ctx) => createSupportCode(deps, ctx, params.patientId, params.sessionId),
  confirmSupport: ({ params }, ctx) =>
    confirmSupportFromAccount(deps, ctx, params.patientId, params.sessionId),
  confirmSupportWithCode: ({ body }, ctx) => confirmSupportWithCode(deps, ctx, body),
  joinLiveMonitor: ({ params }, ctx) => joinLiveMonitor(deps, ctx, params.patientId, params.sessionId),
  recordReading: ({ params, body }, ctx) =>
    recordReading(deps, ctx, params.patientId, params.sessionId, body),
  liftVitalsHold: ({ params, body }, ctx) =>
    liftVitalsHold(deps, ctx, params.patientId, params.sessionId, body),
  checkReadiness: ({ params }, ctx) => checkReadiness(deps, ctx, params.patientId, params.sessionId),
  recordDose: ({ params, body }, ctx) => recordDose(deps, ctx, params.patientId, params.sessionId, body),
  requestHelp: ({ params, body }, ctx) => requestHelp(deps, ctx, params.patientId, params.sessionId, body),
  recordHardMoment: ({ params, body }, ctx) =>
    recordHardMoment(deps, ctx, params.patientId, params.sessionId, body),
  supportWatch: ({ body }, ctx) => supportWatchState(deps, ctx, body.token),
  recordRecheck: ({ params, body }, ctx) =>
    recordRecheck(deps, ctx, params.patientId, params.sessionId, body),
  checkIn: ({ params, body }, ctx) => checkIn(deps, ctx, params.patientId, params.sessionId, body),
  board: ({ query }, ctx) => sessionBoard(deps, ctx, query.date),
}));
