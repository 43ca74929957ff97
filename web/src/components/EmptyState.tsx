import type { ReactNode } from 'react';

/** An honest empty state: what is not here yet, in a calm title, and what will bring it. */
export function EmptyState({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}
