// The case timeline: when each thing happened (UTC and the case's zone), when the case learned of
// it, who recorded it. Notes are added here; nothing is edited in place.
import { useState, type FormEvent } from 'react';
import { useAction, useOp } from '../api/hooks';
import { ErrorNote } from '../components/ErrorNote';
import { Time } from '../components/Time';

export function TimelinePanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const list = useOp('timeline.list', { path }, path);
  const note = useAction('timeline.note');
  const [text, setText] = useState('');
  const [at, setAt] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const entry = await note.run({ path, text, ...(at.trim() ? { at: at.trim() } : {}) });
    if (entry) {
      setText('');
      setAt('');
      list.reload();
      onChange();
    }
  }

  return (
    <div className="timeline">
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
          </tr>
        </thead>
        <tbody>
          {list.data?.entries.map((e) => (
            <tr key={e.id}>
              <td>
                <Time iso={e.eventTime} zone={zone} />
              </td>
              <td>
                <Time iso={e.recordedAt} zone={zone} />
              </td>
              <td>
                <span className={`kind kind-${e.kind}`}>{e.kind}</span>
              </td>
              <td>{e.actor}</td>
              <td className="text">{e.text}</td>
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
