// The keyboard shortcuts, where a responder opening a case sees them. The same shortcut objects
// the key handler matches, so the card cannot drift from what the keys do.
import { PALETTE_SHORTCUTS, shortcutLabel, type Shortcut } from '../commands/shortcuts';

// `range` rows show their first and last key (Alt+1 … Alt+7); the others list alternatives.
const KEYS: { keys: Shortcut[]; what: string; range?: boolean }[] = [
  { keys: PALETTE_SHORTCUTS, what: 'every command, by name' },
  {
    keys: [
      { code: 'Digit1', alt: true },
      { code: 'Digit7', alt: true },
    ],
    range: true,
    what: 'the case’s tabs, in order',
  },
  { keys: [{ code: 'KeyS', alt: true }], what: 'the runbook’s current step' },
  { keys: [{ code: 'KeyI', alt: true }], what: 'ingest evidence' },
  { keys: [{ code: 'KeyN', alt: true }], what: 'add a note to the timeline' },
  { keys: [{ code: 'KeyH', alt: true }], what: 'all cases' },
];

export function KeysCard() {
  return (
    <section className="panel" aria-labelledby="keys-h" data-testid="keys-card">
      <h2 id="keys-h">Keyboard</h2>
      <dl className="facts keys">
        {KEYS.map((k) => (
          <div key={k.what} className="contents">
            <dt>
              {k.keys.map((s, i) => (
                <span key={i}>
                  {i ? (k.range ? ' … ' : ' or ') : ''}
                  <kbd>{shortcutLabel(s)}</kbd>
                </span>
              ))}
            </dt>
            <dd>{k.what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
