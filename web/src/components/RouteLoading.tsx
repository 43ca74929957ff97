import type { ReactNode } from 'react';
import './RouteLoading.css';

/** Shown only if a page takes noticeably long to load; quick loads never flash it. */
export function RouteLoading() {
  return (
    <div className="container route-loading" role="status">
      <p className="route-loading__text">Loading…</p>
    </div>
  );
}

/** A page's own "Loading …" line while its data arrives, announced once, in the page's frame. */
export function PageLoading({ children }: { children: ReactNode }) {
  return (
    <div className="container page">
      <p className="muted" role="status">
        {children}
      </p>
    </div>
  );
}
