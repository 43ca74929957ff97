import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './AppShell';
import { RootError, RouteError } from './RouteError';

// Every page is its own chunk. Role apps (patient, support, clinician, nurse, coach, admin) will
// live under web/src/routes/<role>/ and be added here the same way, each behind its own layout.
const LandingPage = lazy(() =>
  import('../routes/public/LandingPage').then((m) => ({ default: m.LandingPage })),
);
const SignInPage = lazy(() => import('../routes/public/SignInPage').then((m) => ({ default: m.SignInPage })));
const NotFoundPage = lazy(() =>
  import('../routes/public/NotFoundPage').then((m) => ({ default: m.NotFoundPage })),
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
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
