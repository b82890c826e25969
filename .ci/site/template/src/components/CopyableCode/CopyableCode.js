// The inline code with a copy button that StackQL's provider docs show (imported by path, or global via MDXComponents).
import { useState } from 'react';

export default function CopyableCode({ code }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <code>{code}</code>{' '}
      <button type="button" onClick={copy} title="Copy" aria-label={`Copy ${code}`}>
        {copied ? '✓' : '⧉'}
      </button>
    </span>
  );
}
