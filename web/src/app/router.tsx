import { type ComponentType, lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './AppShell';
import { RequireAuth, RequireRole } from './guards';
import { RootError, RouteError } from './RouteError';

// Every page is its own chunk, so a patient's first load never carries admin or settings code.
const page = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));

const LandingPage = page(() => import('../routes/public/LandingPage'), 'LandingPage');
const SignInPage = page(() => import('../routes/public/SignInPage'), 'SignInPage');
const SignUpPage = page(() => import('../routes/public/SignUpPage'), 'SignUpPage');
const ForgotPasswordPage = page(() => import('../routes/public/ForgotPasswordPage'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../routes/public/ResetPasswordPage'), 'ResetPasswordPage');
const ConfirmEmailPage = page(() => import('../routes/public/EmailChangeLinkPages'), 'ConfirmEmailPage');
const CancelEmailChangePage = page(
  () => import('../routes/public/EmailChangeLinkPages'),
  'CancelEmailChangePage',
);
const AcceptInvitePage = page(() => import('../routes/public/AcceptInvitePage'), 'AcceptInvitePage');
const NotFoundPage = page(() => import('../routes/public/NotFoundPage'), 'NotFoundPage');
const PatientHomePage = page(() => import('../routes/patient/PatientHomePage'), 'PatientHomePage');
const IntakePage = page(() => import('../routes/patient/intake/IntakePage'), 'IntakePage');
const ConsentPage = page(() => import('../routes/patient/ConsentPage'), 'ConsentPage');
const ReviewQueuePage = page(() => import('../routes/clinician/ReviewQueuePage'), 'ReviewQueuePage');
const ReviewPage = page(() => import('../routes/clinician/ReviewPage'), 'ReviewPage');
const SupportHomePage = page(() => import('../routes/support/SupportHomePage'), 'SupportHomePage');
const SupportSessionPage = page(() => import('../routes/support/SupportSessionPage'), 'SupportSessionPage');
const SupportCodePage = page(() => import('../routes/public/SupportCodePage'), 'SupportCodePage');
const SessionPage = page(() => import('../routes/patient/session/SessionPage'), 'SessionPage');
const AssessmentPage = page(() => import('../routes/patient/assessments/AssessmentPage'), 'AssessmentPage');
const AssessmentResultPage = page(
  () => import('../routes/patient/assessments/AssessmentResultPage'),
  'AssessmentResultPage',
);
const ProgressPage = page(() => import('../routes/patient/assessments/ProgressPage'), 'ProgressPage');
const SettingsPage = page(() => import('../routes/settings/SettingsPage'), 'SettingsPage');
const AdminLayout = page(() => import('../routes/admin/AdminLayout'), 'AdminLayout');
const AdminHomePage = page(() => import('../routes/admin/AdminHomePage'), 'AdminHomePage');
const StaffPage = page(() => import('../routes/admin/StaffPage'), 'StaffPage');
const AuditPage = page(() => import('../routes/admin/AuditPage'), 'AuditPage');
const OutboxPage = page(() => import('../routes/admin/OutboxPage'), 'OutboxPage');
const ClosureRequestsPage = page(() => import('../routes/admin/ClosureRequestsPage'), 'ClosureRequestsPage');
const BreakGlassPage = page(() => import('../routes/admin/BreakGlassPage'), 'BreakGlassPage');
const ScreeningSettingsPage = page(
  () => import('../routes/admin/ScreeningSettingsPage'),
  'ScreeningSettingsPage',
);
const TreatmentPage = page(() => import('../routes/clinician/treatment/TreatmentPage'), 'TreatmentPage');
const PatientListPage = page(
  () => import('../routes/clinician/treatment/PatientListPage'),
  'PatientListPage',
);
const PrescriptionPrintPage = page(
  () => import('../routes/clinician/treatment/PrescriptionPrintPage'),
  'PrescriptionPrintPage',
);
const TitrationQueuePage = page(() => import('../routes/clinician/TitrationQueuePage'), 'TitrationQueuePage');
const OutcomeReportPage = page(() => import('../routes/clinician/OutcomeReportPage'), 'OutcomeReportPage');
const SessionBoardPage = page(() => import('../routes/nurse/SessionBoardPage'), 'SessionBoardPage');
const ProtocolsPage = page(() => import('../routes/admin/ProtocolsPage'), 'ProtocolsPage');
const ProtocolPage = page(() => import('../routes/admin/ProtocolsPage'), 'ProtocolPage');
const StaffHomePage = lazy(() =>
  import('../routes/staff/StaffHomePage').then((module) => ({ default: module.StaffHomePage })),
);

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RootError />,
    children: [
      {
        // Errors in a page render inside the frame, so crisis help and navigation stay on screen.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <LandingPage /> },
          { path: 'signin', element: <SignInPage /> },
          { path: 'signup', element: <SignUpPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
          { path: 'reset-password', element: <ResetPasswordPage /> },
          { path: 'confirm-email', element: <ConfirmEmailPage /> },
          { path: 'cancel-email-change', element: <CancelEmailChangePage /> },
          { path: 'invite', element: <AcceptInvitePage /> },
          { path: 'support-code', element: <SupportCodePage /> },
          {
            // Everything below needs a signed-in person; each role's section needs that role.
            element: <RequireAuth />,
            children: [
              { path: 'settings', element: <SettingsPage /> },
              {
                path: 'patient',
                element: <RequireRole allow="patient" />,
                children: [
                  { index: true, element: <PatientHomePage /> },
                  { path: 'intake/:step?', element: <IntakePage /> },
                  { path: 'consent', element: <ConsentPage /> },
                  { path: 'sessions/:sessionId', element: <SessionPage /> },
                  { path: 'assessments/:instrument', element: <AssessmentPage /> },
                  {
                    path: 'assessments/:instrument/result/:assessmentId',
                    element: <AssessmentResultPage />,
                  },
                  { path: 'progress', element: <ProgressPage /> },
                ],
              },
              {
                path: 'support',
                element: <RequireRole allow="support" />,
                children: [
                  { index: true, element: <SupportHomePage /> },
                  { path: 'patients/:patientId/sessions/:sessionId', element: <SupportSessionPage /> },
                ],
              },
              {
                path: 'clinician',
                element: <RequireRole allow="clinician" />,
                children: [
                  { index: true, element: <StaffHomePage staffRole="clinician" /> },
                  { path: 'reviews', element: <ReviewQueuePage /> },
                  { path: 'patients/:patientId/review', element: <ReviewPage /> },
                  { path: 'patients', element: <PatientListPage /> },
                  { path: 'patients/:patientId/treatment', element: <TreatmentPage /> },
                  {
                    path: 'patients/:patientId/prescriptions/:prescriptionId/print',
                    element: <PrescriptionPrintPage />,
                  },
                  { path: 'titration', element: <TitrationQueuePage /> },
                  { path: 'reports/outcomes', element: <OutcomeReportPage /> },
                  { path: 'board', element: <SessionBoardPage /> },
                ],
              },
              {
                path: 'nurse',
                element: <RequireRole allow="nurse" />,
                children: [
                  { index: true, element: <StaffHomePage staffRole="nurse" /> },
                  { path: 'board', element: <SessionBoardPage /> },
                  // The chart of a care-team patient, read-only for a nurse (alert cards and the board link here).
                  { path: 'patients/:patientId/chart', element: <TreatmentPage /> },
                ],
              },
              {
                path: 'coach',
                element: <RequireRole allow="coach" />,
                children: [{ index: true, element: <StaffHomePage staffRole="coach" /> }],
              },
              {
                path: 'admin',
                element: <RequireRole allow="admin" />,
                children: [
                  {
                    element: <AdminLayout />,
                    children: [
                      { index: true, element: <AdminHomePage /> },
                      { path: 'staff', element: <StaffPage /> },
                      { path: 'audit', element: <AuditPage /> },
                      { path: 'outbox', element: <OutboxPage /> },
                      { path: 'closure-requests', element: <ClosureRequestsPage /> },
                      { path: 'break-glass', element: <BreakGlassPage /> },
                      { path: 'screening', element: <ScreeningSettingsPage /> },
                      { path: 'protocols', element: <ProtocolsPage /> },
                      { path: 'protocols/:key', element: <ProtocolPage /> },
                      { path: 'reports/outcomes', element: <OutcomeReportPage /> },
                    ],
                  },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
