// The findings recorded in the case, newest first, grouped by analysis: what was asked (the
// subject), the answer in a line (the title), when and by whom. Any of them can be opened again;
// a re-run records a new finding that supersedes the old one, which stays in the record.
import type { Finding } from '../../../src/shared/domain';
import { Time } from '../../components/Time';

export const KIND_LABEL: Record<string, string> = {
  'key-activity': 'Key activity',
  enumeration: 'Enumeration',
  'bucket-exposure': 'Bucket exposure',
  'remote-query': 'Remote queries',
};

/** Test ids kept from before the list covered every analysis (the bucket list was first). */
const LIST_ID: Record<string, string> = {
  'key-activity': 'key-runs',
  enumeration: 'enumeration-runs',
  'bucket-exposure': 'bucket-runs',
};

const RERUNNABLE = new Set(['key-activity', 'enumeration', 'bucket-exposure']);

export function FindingsList({
  findings,
  zone,
  selected,
  showSuperseded,
  busy,
  onOpen,
  onRerun,
}: {
  findings: Finding[];
  zone: string;
  selected: number | null;
  showSuperseded: boolean;
  busy: boolean;
  onOpen: (f: Finding) => void;
  onRerun: (f: Finding) => void;
}) {
  const supersededBy = new Map<number, number>();
  for (const f of findings) if (f.supersedes !== null) supersededBy.set(f.supersedes, f.id);
  const shown = findings
    .filter((f) => showSuperseded || !supersededBy.has(f.id))
    .sort((a, b) => b.id - a.id);
  const kinds = [
    ...Object.keys(KIND_LABEL).filter((k) => shown.some((f) => f.kind === k)),
    ...[...new Set(shown.map((f) => f.kind))].filter((k) => !(k in KIND_LABEL)).sort(),
  ];
  if (shown.length === 0)
    return (
      <p className="muted" data-testid="findings-none">
        No findings yet. Run an analysis above, or gather evidence from a runbook step.
      </p>
    );
  return (
    <div className="findings-groups" data-testid="findings-list">
      {kinds.map((kind) => (
        <section key={kind} className="findings-group">
          <h4>{KIND_LABEL[kind] ?? kind}</h4>
          <ul className="recent findings-runs" data-testid={LIST_ID[kind] ?? `${kind}-runs`}>
            {shown
              .filter((f) => f.kind === kind)
              .map((f) => {
                const later = supersededBy.get(f.id);
                return (
                  <li
                    key={f.id}
                    className={f.id === selected ? 'current' : ''}
                    aria-current={f.id === selected ? 'true' : undefined}
                    data-testid="finding-item"
                    data-finding={f.id}
                  >
                    <div className="grow finding-line">
                      <strong className="finding-title">{f.title}</strong>
                      <span className="muted small">
                        #{f.id} · <span className="mono">{f.subject}</span> ·{' '}
                        <Time iso={f.createdAt} zone={zone} inline /> · {f.actor}
                        {later ? ` · superseded by #${later}` : ''}
                      </span>
                    </div>
                    <button
                      type="button"
                      onClick={() => onOpen(f)}
                      aria-label={`Open finding #${f.id}: ${f.title}`}
                    >
                      Open
                    </button>
                    {RERUNNABLE.has(f.kind) ? (
                      <button
                        type="button"
                        className="quiet"
                        onClick={() => onRerun(f)}
                        disabled={busy}
                      >
                        Re-run
                      </button>
                    ) : null}
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}
