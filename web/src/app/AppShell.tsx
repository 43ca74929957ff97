import { Suspense, useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { AuthProvider } from '../auth/AuthProvider';
import { HelpStrip } from '../components/HelpStrip';
import { RouteLoading } from '../components/RouteLoading';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';
import { IdleWarningDialog } from './IdleWarningDialog';
import './AppShell.css';

/** Frame of every page: skip link, crisis help, header, main content, footer, and the idle warning. */
export function AppShell() {
  const mainRef = useMoveFocusOnNavigation();

  return (
    <AuthProvider>
      <div className="app-shell">
        <SkipLink />
        <HelpStrip />
        <SiteHeader />
        <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="app-shell__main">
          <Suspense fallback={<RouteLoading />}>
            <Outlet />
          </Suspense>
        </main>
        <SiteFooter />
        <IdleWarningDialog />
        <ScrollRestoration />
      </div>
    </AuthProvider>
  );
}

/**
 * After a client-side navigation, screen readers would otherwise stay on the link that was
 * activated. Move focus to the new page's h1 (or <main>) so the new page is announced.
 * The first render is left alone: the browser's own page-load behaviour is right there.
 */
function useMoveFocusOnNavigation() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const previousPathname = useRef(pathname);

  useEffect(() => {
    if (previousPathname.current === pathname) return;
    previousPathname.current = pathname;
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = () => {
      const heading = main.querySelector<HTMLHeadingElement>('h1');
      if (!heading) return false;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      return true;
    };
    if (focusHeading()) return;
    main.focus({ preventScroll: true });
    // A code-split page (or one waiting for "who is signed in?") renders its heading a moment
    // later; move focus there when it appears, unless the person has moved on already.
    const observer = new MutationObserver(() => {
      if (document.activeElement === main && focusHeading()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = window.setTimeout(() => observer.disconnect(), 3000);
    return () => {
      observer.disconnect();
      window.clearTimeout(stop);
    };
  }, [pathname]);

  return mainRef;
}
