// The unified case timeline: pinned evidence, finding highlights, decisions, actions,
// notifications and notes, each with when it happened (UTC and the case's zone) and when the case
// learned of it. Notes are added here, evidence pinned, entries annotated or corrected (always as
// new audited entries), and the timeline exported for counsel.
import { useState, type FormEvent } from 'react';
import type { UnifiedEntry } from '../../src/shared/timeline';
import { useAction, useOp } from '../api/hooks';
import { useIntent } from '../commands/workbench';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';
import { EntryActions } from './timeline/EntryActions';
import { ExportDialog } from './timeline/ExportDialog';
import { PinPicker } from './timeline/PinPicker';
import './timeline/timeline.css';

function Provenance({ entry }: { entry: UnifiedEntry }) {
  if (entry.evidence.length === 0) return null;
  return (
    <ul className="provenance">
      {entry.evidence.map((ev) => (
        <li
          key={`${ev.type}:${ev.id}`}
          className="mono small muted"
          title={ev.provenance?.fileLocation}
        >
          {ev.type === 'event' ? 'event' : 'S3 line'} {ev.id}
          {ev.provenance
            ? ` · ${ev.provenance.fileLocation.split(/[\\/]/).pop()} ${ev.provenance.locatorKind} ${ev.provenance.locator}`
            : ' · not in the case'}
        </li>
      ))}
    </ul>
  );
}

function Notes({ entry }: { entry: UnifiedEntry }) {
  const notes: string[] = [];
  if (entry.findingId !== null) notes.push(`from finding #${entry.findingId}`);
  if (entry.annotates !== null) notes.push(`note on T${entry.annotates}`);
  if (entry.supersedes !== null)
    notes.push(
      `${entry.status === 'retracted' ? 'withdraws' : 'corrects'} T${entry.supersedes}${entry.reason ? `: ${entry.reason}` : ''}`,
    );
  if (entry.supersededBy !== null) notes.push(`superseded by T${entry.supersededBy}`);
  return notes.length ? <div className="small muted">({notes.join('; ')})</div> : null;
}

export function TimelinePanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const [history, setHistory] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [pinning, setPinning] = useState(false);
  const list = useOp('timeline.unified', { path, includeHistory: history }, `${path}:${history}`);
  const note = useAction('timeline.note');
  const [text, setText] = useState('');
  const [at, setAt] = useState('');

  const changed = () => {
    list.reload();
    onChange();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const entry = await note.run({ path, text, ...(at.trim() ? { at: at.trim() } : {}) });
    if (entry) {
      setText('');
      setAt('');
      changed();
    }
  }

  useIntent('export', () => setExporting(true));
  // A note typed into the palette: added as it is, at the time it was written.
  useIntent('note', (i) => {
    void note.run({ path, text: i.text }).then((entry) => {
      if (entry) changed();
      else setText(i.text); // kept in the form with the error, not lost
    });
  });

  return (
    <div className="timeline">
      <div className="row spread timeline-toolbar">
        <div className="row">
          <button type="button" onClick={() => setPinning((v) => !v)} data-testid="toggle-pin">
            {pinning ? 'Hide evidence search' : 'Pin evidence…'}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={history}
              onChange={(e) => setHistory(e.target.checked)}
              data-testid="show-history"
            />
            Show corrections and withdrawn entries
          </label>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setExporting(true)}
          data-testid="open-export"
        >
          Export…
        </button>
      </div>
      {exporting ? <ExportDialog path={path} onClose={() => setExporting(false)} /> : null}
      {pinning ? <PinPicker path={path} zone={zone} onPinned={changed} /> : null}
      <form className="form inline" onSubmit={(e) => void submit(e)} data-testid="note-form">
        <label className="grow">
          Note
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="What happened, what you did, what you decided"
            name="note"
          />
        </label>
        <label>
          When (optional)
          <input
            value={at}
            onChange={(e) => setAt(e.target.value)}
            placeholder="2026-03-27T20:02:00Z"
            name="at"
          />
        </label>
        <button className="primary" type="submit" disabled={note.pending || !text.trim()}>
          Add note
        </button>
      </form>
      <ErrorNote error={note.error ?? list.error} />
      <table className="table" data-testid="timeline-table">
        <thead>
          <tr>
            <th>Happened</th>
            <th>Recorded</th>
            <th>Kind</th>
            <th>By</th>
            <th>What</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.entries.map((e) => (
            <tr
              key={e.key}
              className={e.status === 'current' ? '' : 'entry-old'}
              data-testid={`entry-${e.key}`}
            >
              <td>
                <Time iso={e.eventTime} zone={zone} />
              </td>
              <td>
                <Time iso={e.recordedAt} zone={zone} />
              </td>
              <td>
                <span className={`kind kind-${e.kind}`}>{e.kind}</span>
                <div className="mono small muted">{e.key}</div>
              </td>
              <td>{e.actor}</td>
              <td className="text">
                {e.text}
                <Notes entry={e} />
                <Provenance entry={e} />
              </td>
              <td className="actions">
                <EntryActions path={path} entry={e} onDone={changed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && list.data.entries.length === 0 ? (
        <p className="muted">Nothing on the timeline yet.</p>
      ) : null}
    </div>
  );
}
