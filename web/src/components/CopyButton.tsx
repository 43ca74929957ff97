import { useEffect, useRef, useState } from 'react';
import './CopyButton.css';

interface CopyButtonProps {
  text: string;
  /** What is being copied, for the button's accessible name ("Copy token"). */
  label: string;
  className?: string;
}

/** Copies to the clipboard and says so in a live region; if the browser refuses, says how to copy by hand. */
export function CopyButton({ text, label, className }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('failed');
    }
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setResult(null), 4000);
  }

  return (
    <span className="copy-button">
      <button type="button" className={className ?? 'button button-quiet button-small'} onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-button__status">
        {result === 'copied'
          ? 'Copied.'
          : result === 'failed'
            ? 'Could not copy. Select the text and copy it.'
            : ''}
      </span>
    </span>
  );
}
