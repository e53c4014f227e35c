// What a responder can do to one timeline entry: unpin evidence, annotate, correct. Each opens a
// small form in place; every change is a new audited entry, never an edit.
import { useState, type FormEvent } from 'react';
import type { UnifiedEntry } from '../../../src/shared/timeline';
import { useAction } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

type Mode = 'annotate' | 'correct' | 'unpin' | null;

export function EntryActions({
  path,
  entry,
  onDone,
}: {
  path: string;
  entry: UnifiedEntry;
  onDone: () => void;
}) {
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const annotate = useAction('timeline.annotate');
  const correct = useAction('timeline.correct');
  const unpin = useAction('timeline.unpin');
  const id = entry.timelineId;
  if (id === null || entry.status !== 'current') return null;

  function open(m: Mode) {
    setMode(m);
    setText(m === 'correct' ? entry.text : '');
    setAt('');
    setReason('');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (id === null) return;
    const done =
      mode === 'annotate'
        ? await annotate.run({ path, id, text })
        : mode === 'correct'
          ? await correct.run({
              path,
              id,
              reason,
              ...(text.trim() && text !== entry.text ? { text } : {}),
              ...(at.trim() ? { at: at.trim() } : {}),
            })
          : await unpin.run({ path, id, reason });
    if (done) {
      setMode(null);
      onDone();
    }
  }

  const pending = annotate.pending || correct.pending || unpin.pending;
  return (
    <div className="entry-actions" data-testid={`entry-actions-${entry.key}`}>
      {mode === null ? (
        <div className="row">
          <button type="button" className="quiet" onClick={() => open('annotate')}>
            Annotate
          </button>
          <button type="button" className="quiet" onClick={() => open('correct')}>
            Correct
          </button>
          {entry.kind === 'evidence' ? (
            <button type="button" className="quiet" onClick={() => open('unpin')}>
              Unpin
            </button>
          ) : null}
        </div>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} data-testid={`${mode}-form`}>
          {mode !== 'unpin' ? (
            <label>
              {mode === 'annotate' ? 'Note about this entry' : 'Corrected text'}
              <textarea
                name="text"
                rows={2}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
          ) : null}
          {mode === 'correct' ? (
            <label>
              Corrected time (optional, with zone)
              <input
                name="at"
                value={at}
                onChange={(e) => setAt(e.target.value)}
                placeholder="2026-03-27T20:02:00Z"
              />
            </label>
          ) : null}
          {mode !== 'annotate' ? (
            <label>
              Reason (kept in the audit log)
              <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          ) : null}
          <ErrorNote error={annotate.error ?? correct.error ?? unpin.error} />
          <div className="row">
            <button
              className="primary"
              type="submit"
              disabled={pending || (mode === 'annotate' ? !text.trim() : !reason.trim())}
            >
              {mode === 'annotate'
                ? 'Add note'
                : mode === 'correct'
                  ? 'Record correction'
                  : 'Unpin'}
            </button>
            <button type="button" className="quiet" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
