/**
 * A list of plain lines in the session style (instructions, what is normal, the attestation):
 * one home for the markup the session, support and help screens share.
 */
export function SessionList({
  lines,
  id,
  className,
  ordered = false,
}: {
  lines: readonly string[];
  id?: string;
  /** Classes of the page's own, after `session-list`. */
  className?: string;
  /** Numbered steps (an `ol`) rather than bullets. */
  ordered?: boolean;
}) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <List id={id} className={className ? `session-list ${className}` : 'session-list'}>
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </List>
  );
}
