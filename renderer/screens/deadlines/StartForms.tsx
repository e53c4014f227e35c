// What starts the clocks: the awareness time (with the reason counsel will ask for) and the other
// instants the responder records, such as the determination of the breach. Each change is
// audited and every clock is recomputed.
import { useState, type FormEvent } from 'react';
import type { DeadlineList } from '../../../src/shared/deadlines';
import { useAction } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { Time } from '../../components/Time';

export function AwarenessForm({
  path,
  list,
  onChange,
}: {
  path: string;
  list: DeadlineList;
  onChange: () => void;
}) {
  const set = useAction('case.setAwareness');
  const [at, setAt] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await set.run({ path, at: at.trim(), reason });
    if (r) {
      setResult(`${r.clocksMoved.length} due time(s) moved (audit #${r.auditSeq}).`);
      setAt('');
      setReason('');
      onChange();
    }
  }
  const a = list.awareness;
  return (
    <div data-testid="awareness-form">
      <p>
        {a ? (
          <>
            Aware at <Time iso={a.at} zone={list.caseZone} inline />, set by {a.setBy}
            {a.reason ? `: ${a.reason}` : ''}
          </>
        ) : (
          <strong className="warn-text">
            Not set. Most clocks run from it: set it as soon as you know.
          </strong>
        )}
      </p>
      <form className="form inline" onSubmit={(e) => void submit(e)}>
        <label>
          Aware at (ISO, with zone)
          <input
            name="awareAt"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            placeholder="YYYY-MM-DDThh:mm:ssZ or ±hh:mm"
            required
          />
        </label>
        <label className="grow">
          Why this time
          <input
            name="awareReason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Researcher's email to security@ received"
          />
        </label>
        <button className="primary" type="submit" disabled={set.pending || !at.trim()}>
          {a ? 'Change awareness' : 'Set awareness'}
        </button>
      </form>
      {result ? <p className="muted">{result}</p> : null}
      <ErrorNote error={set.error} />
    </div>
  );
}

export function AnchorsForm({
  path,
  list,
  onChange,
}: {
  path: string;
  list: DeadlineList;
  onChange: () => void;
}) {
  const save = useAction('deadlines.setFacts');
  const [values, setValues] = useState<Record<string, string>>({});
  const anchors = list.anchors.filter(
    (a) => a.anchor !== 'becoming_aware' && (a.usedBy > 0 || a.source === 'recorded'),
  );
  async function record(anchor: string, at: string | null) {
    const r = await save.run({ path, anchors: { [anchor]: at } });
    if (r) {
      setValues((v) => ({ ...v, [anchor]: '' }));
      onChange();
    }
  }
  if (anchors.length === 0) {
    return <p className="muted">No rule that applies here waits for another start instant.</p>;
  }
  return (
    <div data-testid="anchors-form">
      <table className="table">
        <thead>
          <tr>
            <th>Clock starts at</th>
            <th>Recorded</th>
            <th>Rules</th>
            <th>Record the instant (ISO, with zone)</th>
          </tr>
        </thead>
        <tbody>
          {anchors.map((a) => (
            <tr key={a.anchor}>
              <td>{a.label}</td>
              <td>
                {a.at ? (
                  <Time iso={a.at} zone={list.caseZone} />
                ) : (
                  <span className="warn-text">not yet</span>
                )}
                {a.source === 'awareness_default' ? (
                  <div className="muted small">the awareness time (no separate time recorded)</div>
                ) : null}
                {a.source === 'recorded' && a.setBy ? (
                  <div className="muted small">by {a.setBy}</div>
                ) : null}
              </td>
              <td>{a.usedBy}</td>
              <td>
                <form
                  className="row"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void record(a.anchor, (values[a.anchor] ?? '').trim());
                  }}
                >
                  <input
                    aria-label={`When: ${a.label}`}
                    name={`anchor-${a.anchor}`}
                    value={values[a.anchor] ?? ''}
                    onChange={(e) => setValues((v) => ({ ...v, [a.anchor]: e.target.value }))}
                    placeholder="YYYY-MM-DDThh:mm:ssZ"
                  />
                  <button type="submit" disabled={save.pending || !(values[a.anchor] ?? '').trim()}>
                    Record
                  </button>
                  {a.source === 'recorded' ? (
                    <button
                      type="button"
                      className="quiet"
                      onClick={() => void record(a.anchor, null)}
                    >
                      Clear
                    </button>
                  ) : null}
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={save.error} />
    </div>
  );
}
