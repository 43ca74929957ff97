import { Suspense, useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { HelpStrip } from '../components/HelpStrip';
import { SiteFooter } from '../components/SiteFooter';
import { SiteHeader } from '../components/SiteHeader';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';
import { RouteLoading } from './RouteLoading';
import './AppShell.css';

/** Frame of every public page: skip link, crisis help, header, main content, footer. */
export function AppShell() {
  const mainRef = useMoveFocusOnNavigation();

  return (
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
      <ScrollRestoration />
    </div>
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
    const heading = main.querySelector<HTMLHeadingElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    } else {
      main.focus({ preventScroll: true });
    }
  }, [pathname]);

  return mainRef;
}
