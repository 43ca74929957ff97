import type { ReactNode, Ref } from 'react';
import { ScrollRegion } from './form/ScrollRegion';
import './DataTable.css';

/**
 * A care-team table in its scrolling region: named by its caption, with one header row of
 * column headings. The rows are the children, placed in the table body.
 */
export function DataTable({
  captionId,
  caption,
  columns,
  className,
  bodyRef,
  children,
}: {
  /** The caption's id; the scrolling region is named by it. */
  captionId: string;
  caption: ReactNode;
  /** The column headings, left to right (a heading only a screen reader hears is a visually hidden span). */
  columns: readonly ReactNode[];
  /** More classes for the table, beside `data-table`. */
  className?: string;
  bodyRef?: Ref<HTMLTableSectionElement>;
  children: ReactNode;
}) {
  return (
    <ScrollRegion labelledBy={captionId}>
      <table className={className ? `data-table ${className}` : 'data-table'}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the headings are fixed, in their order.
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef}>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

/** A column heading that only a screen reader hears (an actions column). */
export function HiddenHeading({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
