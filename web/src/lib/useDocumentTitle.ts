import { useEffect } from 'react';

const SITE_NAME = 'Stillwater';

/** Sets the tab title to "<page> · Stillwater" so screen reader users hear where they landed. */
export function useDocumentTitle(pageTitle: string | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${SITE_NAME}` : SITE_NAME;
  }, [pageTitle]);
}
