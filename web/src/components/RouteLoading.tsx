import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Notice } from './Notice';
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

/** A page whose record could not be opened: its heading, what went wrong, and the way back. */
export function PageLoadFailed({
  heading,
  title,
  message,
  backTo,
  backLabel,
}: {
  heading: string;
  title: string;
  message: string;
  backTo: string;
  backLabel: string;
}) {
  return (
    <div className="container page">
      <h1>{heading}</h1>
      <Notice tone="caution" role="alert" title={title}>
        <p>{message}</p>
        <p>
          <Link to={backTo}>{backLabel}</Link>
        </p>
      </Notice>
    </div>
  );
}
