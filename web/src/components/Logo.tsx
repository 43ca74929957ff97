import './Logo.css';

/** The Stillwater mark: a low sun over still water. Decorative; the wordmark carries the name. */
export function LogoMark() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect className="logo-mark__tile" width="32" height="32" rx="8" />
      <path className="logo-mark__sun" d="M9.5 17a6.5 6.5 0 0 1 13 0z" />
      <path className="logo-mark__wave" d="M6 17h20" />
      <path className="logo-mark__wave logo-mark__wave--far" d="M9 21.5c2.3-1.2 4.7-1.2 7 0s4.7 1.2 7 0" />
      <path className="logo-mark__wave logo-mark__wave--farther" d="M12 25.5c1.3-.7 2.7-.7 4 0s2.7.7 4 0" />
    </svg>
  );
}
