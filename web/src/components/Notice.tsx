import type { ReactNode } from 'react';
import './Notice.css';

export type NoticeTone = 'info' | 'ok' | 'caution' | 'alarm';

interface NoticeProps {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  /**
   * "alert" for errors that follow an action (announced at once), "status" for quiet news.
   * Leave unset for notices that are simply part of the page.
   */
  role?: 'alert' | 'status';
  id?: string;
  className?: string;
}

/** A framed message. Tone is never carried by colour alone: the title or text says what it is. */
export function Notice({ tone = 'info', title, children, role, id, className }: NoticeProps) {
  return (
    <div id={id} role={role} className={`notice notice--${tone}${className ? ` ${className}` : ''}`}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}

interface ErrorNoticeProps {
  /** The failure to show; nothing is shown while it is empty. */
  error: string | null | undefined;
  title?: ReactNode;
  /** Offers "Try again", for a load that failed. */
  onRetry?: () => void;
}

/** The failure of an action or a load, announced at once. */
export function ErrorNotice({ error, title, onRetry }: ErrorNoticeProps) {
  if (!error) return null;
  return (
    <Notice tone="caution" role="alert" title={title}>
      <p>{error}</p>
      {onRetry ? (
        <p>
          <button type="button" className="button button-quiet button-small" onClick={onRetry}>
            Try again
          </button>
        </p>
      ) : null}
    </Notice>
  );
}

/** A quiet line that announces what just happened ("Saved.", "Removed the CO licence."). */
export function StatusLine({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="muted">
      {children}
    </p>
  );
}
