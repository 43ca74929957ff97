import './RouteLoading.css';

/** Shown only if a page takes noticeably long to load; quick loads never flash it. */
export function RouteLoading() {
  return (
    <div className="container route-loading" role="status">
      <p className="route-loading__text">Loading…</p>
    </div>
  );
}
