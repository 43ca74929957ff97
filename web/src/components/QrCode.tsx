import './QrCode.css';

/**
 * Shows the server's QR code SVG as an image: nothing from the reply is ever inserted as HTML,
 * and a data: image is allowed by the app's Content-Security-Policy. Always dark on white, so
 * authenticator apps can read it in the dark theme too.
 */
export function QrCode({ svg, label }: { svg: string; label: string }) {
  return (
    <div className="qr-code">
      <img
        className="qr-code__image"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
        alt={label}
        width={200}
        height={200}
      />
    </div>
  );
}

/** A TOTP secret in groups of four, which is easier to type into an app by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
