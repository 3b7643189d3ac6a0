import type { ToneFinding } from '../../shared/domain/broadcast/tone-check';

/** Warnings about wording customers hate, each with a calmer rewrite. Advice, never a block. */
export function ToneFindings({ findings }: { findings: ToneFinding[] }) {
  if (!findings.length)
    return (
      <div className="tone tone-ok" data-testid="tone-ok">
        Tone check: calm, clear, no phrases customers hate.
      </div>
    );
  return (
    <ul className="tone" data-testid="tone-findings">
      {findings.map((f, n) => (
        <li key={n} className={`tone-${f.severity}`} data-rule={f.rule}>
          <strong>{f.message}</strong> <span className="muted">Try: {f.suggestion}</span>
        </li>
      ))}
    </ul>
  );
}
