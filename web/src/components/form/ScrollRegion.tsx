import type { ReactNode } from 'react';

/**
 * A region that scrolls sideways on a small screen (a wide table): it takes keyboard focus, so
 * someone without a pointer can scroll it too, and it is named by its caption or heading.
 */
export function ScrollRegion({
  labelledBy,
  label,
  className,
  children,
}: {
  /** The id of the caption or heading that names the region… */
  labelledBy?: string;
  /** …or its name in words, when nothing on screen names it. */
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  const classes = className ? `table-scroll ${className}` : 'table-scroll';
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className={classes} aria-labelledby={labelledBy} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
