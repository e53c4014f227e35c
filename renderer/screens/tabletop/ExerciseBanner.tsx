// The participant's side of a tabletop: link the case to an exercise folder, then see the
// simulated clock and the injects released so far, and ingest the released logs into the case
// with the normal ingest job. The link is kept in this browser (localStorage, by case path):
// it is a view preference, not evidence, so it stays out of the case file and its audit log.
import { useState, type FormEvent } from 'react';
import type { ParticipantView } from '../../../src/shared/ops/tabletop-exercise';
import { useAction, useClient, useJob } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';
import { JobProgress } from '../../components/ProgressBar';
import { linkedExercise, linkExercise, unlinkExercise } from './link';
import { liveSimMs, simText, stateText, useExercise, useTicker } from './use-exercise';
import './tabletop.css';

function JoinForm({ path, onLinked }: { path: string; onLinked: (dir: string) => void }) {
  const check = useAction('tabletop.exerciseStatus');
  const [dir, setDir] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = await check.run({ dir: dir.trim(), role: 'participant' });
    if (v) {
      linkExercise(path, v.dir);
      onLinked(v.dir);
    }
  }
  return (
    <details className="exercise-join" data-testid="exercise-join">
      <summary>Tabletop exercise…</summary>
      <form className="form inline" onSubmit={(e) => void submit(e)}>
        <label className="grow">
          Exercise folder (the facilitator gives it to you)
          <input
            name="exerciseDir"
            value={dir}
            onChange={(e) => setDir(e.target.value)}
            placeholder="/exercises/leaked-key-drill"
            required
          />
        </label>
        <button type="submit" disabled={check.pending || !dir.trim()} data-testid="exercise-link">
          Link this case
        </button>
      </form>
      <ErrorNote error={check.error} />
    </details>
  );
}

function Injects({ view }: { view: ParticipantView }) {
  if (view.injects.length === 0) {
    return <p className="muted small">No injects yet. Keep an eye on this banner.</p>;
  }
  return (
    <ol className="exercise-injects" data-testid="exercise-injects">
      {view.injects.map((i) => (
        <li key={i.id} data-testid="exercise-inject">
          <div className="row spread">
            <strong>
              {i.source}: {i.title}
            </strong>
            <span className="mono small muted">{simText(Date.parse(i.simTime))}</span>
          </div>
          <div className="small">{i.text}</div>
        </li>
      ))}
    </ol>
  );
}

function LinkedBanner({
  path,
  dir,
  onUnlink,
  onChange,
}: {
  path: string;
  dir: string;
  onUnlink: () => void;
  onChange: () => void;
}) {
  const client = useClient();
  const ex = useExercise(dir, 'participant');
  const now = useTicker();
  const start = useAction('ingest.start');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [seenDone, setSeenDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (job && job.status !== 'running' && seenDone !== job.id) {
    setSeenDone(job.id);
    onChange();
  }

  async function ingestReleased() {
    setError(null);
    try {
      // Ask first: this releases what has come due this very second.
      const v = await client.call('tabletop.exerciseStatus', { dir, role: 'participant' });
      ex.accept(v);
      const j = await start.run({ path, sources: [v.releasedDir] });
      if (j) setJobId(j.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  const v = ex.view;
  const running = job?.status === 'running';
  const report = (job?.result as { sources?: { inserted: number; filesSkipped: number }[] } | null)
    ?.sources?.[0];
  return (
    <section className="exercise-banner" data-testid="exercise-banner" aria-live="polite">
      <div className="row spread wrap">
        <strong>Tabletop exercise</strong>
        {v ? (
          <>
            <span className="exercise-clock" data-testid="exercise-clock">
              {simText(liveSimMs(v, ex.fetchedAt, now))}
            </span>
            <span
              className={`chip ${v.clock.state === 'ended' ? 'warn' : ''}`}
              data-testid="exercise-state"
            >
              {stateText(v)}
            </span>
            <span className="spacer" />
            <button
              className="primary"
              onClick={() => void ingestReleased()}
              disabled={running || start.pending || v.released.files === 0}
              data-testid="ingest-released"
            >
              Ingest released logs ({v.released.files} files)
            </button>
          </>
        ) : (
          <span className="muted">{ex.error ? '' : 'Reading the exercise…'}</span>
        )}
        <button className="quiet" onClick={onUnlink} data-testid="exercise-unlink">
          Unlink
        </button>
      </div>
      <ErrorNote error={ex.error ?? start.error} />
      {error ? <div className="error-note">{error}</div> : null}
      {job ? <JobProgress job={job} /> : null}
      {report && job?.status === 'done' ? (
        <div className="small" data-testid="released-ingest-report">
          {report.inserted} new records
          {report.filesSkipped ? `, ${report.filesSkipped} files already in the case` : ''}
        </div>
      ) : null}
      {v ? <Injects view={v} /> : null}
    </section>
  );
}

export function ExerciseBanner({ path, onChange }: { path: string; onChange: () => void }) {
  const [dir, setDir] = useState<string | null>(() => linkedExercise(path));
  if (!dir) return <JoinForm path={path} onLinked={setDir} />;
  return (
    <LinkedBanner
      path={path}
      dir={dir}
      onChange={onChange}
      onUnlink={() => {
        unlinkExercise(path);
        setDir(null);
      }}
    />
  );
}
