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
