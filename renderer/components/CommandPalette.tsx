// The command palette (Ctrl+K / ⌘K, or Ctrl+Shift+P): type a few letters of what you want, move
// with the arrow keys, Enter to run it, Escape to leave. A command that needs a value (an access
// key, a bucket, a note) asks for it in the same box. Focus stays in the input, which owns the
// list as a combobox; the App puts focus back where it was when the palette closes.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fuzzyFilter, type FuzzyMatch } from '../commands/fuzzy';
import type { Command } from '../commands/registry';
import { shortcutLabel } from '../commands/shortcuts';
import './palette.css';

/** The title with the matched letters marked, so it is clear why a command is listed. */
function Marked({ text, match }: { text: string; match: FuzzyMatch }) {
  const hits = new Set(match.positions.filter((p) => p < text.length));
  if (hits.size === 0) return <>{text}</>;
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const hit = hits.has(i);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text[i];
    else parts.push({ text: text[i]!, hit });
  }
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

export function CommandPalette({
  commands,
  start,
  onClose,
}: {
  commands: Command[];
  /** Open straight into this command's question (a shortcut for a command with a parameter). */
  start?: Command;
  /** Closes the palette; `then` runs the chosen command once focus is back where it was. */
  onClose: (then?: () => void) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [asking, setAsking] = useState<Command | null>(start ?? null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const shown = useMemo(
    () =>
      fuzzyFilter(
        query,
        commands,
        (c) => c.title,
        (c) => `${c.group} ${c.keywords ?? ''}`,
      ),
    [query, commands],
  );
  const current = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => input.current?.focus(), [asking]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current, shown]);

  function choose(c: Command) {
    if (c.param) {
      setAsking(c);
      setValue('');
      setProblem(null);
      return;
    }
    onClose(() => c.run(''));
  }

  function answer() {
    if (!asking) return;
    const v = value.trim();
    const issue =
      v === '' && !asking.param?.optional
        ? (asking.param?.check?.('') ?? 'This needs a value.')
        : v === ''
          ? null
          : (asking.param?.check?.(v) ?? null);
    if (issue) {
      setProblem(issue);
      return;
    }
    const c = asking;
    onClose(() => c.run(v));
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (asking && !start) {
        setAsking(null);
        setProblem(null);
      } else onClose();
      return;
    }
    if (e.key === 'Tab') {
      e.preventDefault(); // the input is the only stop in the dialog
      return;
    }
    if (asking) {
      if (e.key === 'Enter') {
        e.preventDefault();
        answer();
      }
      return;
    }
    const n = shown.length;
    if (e.key === 'ArrowDown' && n) setActive((current + 1) % n);
    else if (e.key === 'ArrowUp' && n) setActive((current - 1 + n) % n);
    else if (e.key === 'PageDown' && n) setActive(Math.min(n - 1, current + 8));
    else if (e.key === 'PageUp' && n) setActive(Math.max(0, current - 8));
    else if (e.key === 'Enter') {
      const c = shown[current]?.item;
      if (c) choose(c);
    } else return;
    e.preventDefault();
  }

  const optionId = (i: number) => `${id}-opt-${i}`;
  const listId = `${id}-list`;

  return (
    <div className="palette-backdrop" onMouseDown={() => onClose()}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        {asking ? (
          <div className="palette-asking">
            <div className="palette-command">{asking.title.replace(/…$/, '')}</div>
            <label htmlFor={`${id}-value`}>{asking.param?.label}</label>
          </div>
        ) : null}
        <input
          id={`${id}-value`}
          ref={input}
          className="palette-input"
          data-testid="palette-input"
          autoComplete="off"
          spellCheck={false}
          value={asking ? value : query}
          placeholder={
            asking ? asking.param?.placeholder : 'Type a command: findings, note, start…'
          }
          onChange={(e) => {
            if (asking) {
              setValue(e.target.value);
              setProblem(null);
            } else {
              setQuery(e.target.value);
              setActive(0);
            }
          }}
          onKeyDown={onKey}
          {...(asking
            ? { 'aria-invalid': problem ? true : undefined }
            : {
                role: 'combobox',
                'aria-label': 'Command',
                'aria-expanded': true,
                'aria-controls': listId,
                'aria-autocomplete': 'list' as const,
                'aria-activedescendant': shown.length ? optionId(current) : undefined,
              })}
        />
        {asking ? (
          <div className="palette-foot">
            {problem ? (
              <span className="palette-problem" role="alert" data-testid="palette-problem">
                {problem}
              </span>
            ) : (
              <span>
                Enter to run{asking.param?.optional ? ' (empty is fine)' : ''} ·{' '}
                {start ? 'Esc to close' : 'Esc to go back'}
              </span>
            )}
          </div>
        ) : (
          <>
            <ul
              className="palette-list"
              id={listId}
              role="listbox"
              aria-label="Commands"
              ref={list}
            >
              {shown.map(({ item, match }, i) => (
                <li
                  key={item.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === current}
                  className={i === current ? 'active' : ''}
                  data-testid="palette-option"
                  data-command={item.id}
                  onMouseMove={() => i !== current && setActive(i)}
                  onClick={() => choose(item)}
                >
                  <span className="palette-group">{item.group}</span>
                  <span className="palette-title">
                    <Marked text={item.title} match={match} />
                  </span>
                  {item.shortcut ? <kbd>{shortcutLabel(item.shortcut)}</kbd> : null}
                </li>
              ))}
            </ul>
            {shown.length === 0 ? (
              <p className="palette-none">No command matches “{query}”.</p>
            ) : null}
            <div className="palette-foot">↑ ↓ to move · Enter to run · Esc to close</div>
          </>
        )}
      </div>
    </div>
  );
}
