// After the exercise: score a participant's case against the exercise's truth, placing what the
// team did (recorded in wall time) on the incident's clock, and export the after-action report.
// The report is written where the facilitator says (next to the exercise by default); the web
// host's download route serves timeline exports only, so its path is shown, not a link.
import { useState, type FormEvent } from 'react';
import type { FacilitatorView } from '../../../src/shared/ops/tabletop-exercise';
import type { TabletopReportResult, TabletopScore } from '../../../src/shared/ops/tabletop-score';
import { useAction, useJob, useOp } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

const FORMATS = ['pdf', 'html', 'json', 'csv'] as const;

function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.cairn$/, '') || 'case';
}

function Metrics({ score }: { score: TabletopScore }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th>Measure</th>
          <th>Score</th>
          <th>Target</th>
          <th>What was measured</th>
        </tr>
      </thead>
      <tbody>
        {score.metrics.map((m) => (
          <tr key={m.id} data-testid={`score-metric-${m.id}`}>
            <td>
              <strong>{m.title}</strong>
            </td>
            <td className="mono">{m.applicable ? `${m.score}/100` : 'n/a'}</td>
            <td className="small">{m.targetText}</td>
            <td className="small">{m.explanation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Report({ view, casePath }: { view: FacilitatorView; casePath: string }) {
  const report = useAction('tabletop.report');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('pdf');
  const [out, setOut] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const suggested = `${view.dir}/after-action-${baseName(casePath)}.${format}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const j = await report.run({
      path: casePath,
      truth: view.truthPath,
      format,
      out: out.trim() || suggested,
      ...(view.exerciseClock ? { exerciseClock: view.exerciseClock } : {}),
    });
    if (j) setJobId(j.id);
  }
  const done = job?.status === 'done' ? (job.result as TabletopReportResult) : null;
  return (
    <div>
      <form className="form inline" onSubmit={(e) => void submit(e)} data-testid="report-form">
        <label>
          Format
          <select
            name="reportFormat"
            value={format}
            onChange={(e) => setFormat(e.target.value as typeof format)}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Write to
          <input
            name="reportOut"
            value={out}
            onChange={(e) => setOut(e.target.value)}
            placeholder={suggested}
          />
        </label>
        <button
          type="submit"
          disabled={report.pending || job?.status === 'running'}
          data-testid="report-run"
        >
          Export after-action report
        </button>
      </form>
      <ErrorNote error={report.error} />
      {job?.status === 'running' ? <p className="muted">Writing the report…</p> : null}
      {job?.status === 'failed' && job.error ? (
        <div className="error-note" role="alert">
          <strong>{job.error.message}</strong>
          {job.error.hint ? <div className="hint">{job.error.hint}</div> : null}
        </div>
      ) : null}
      {done ? (
        <p className="ok-note" data-testid="report-done">
          Report written: <span className="mono">{done.out}</span> (sha256{' '}
          <span className="mono">{done.sha256.slice(0, 16)}…</span>, redacted)
        </p>
      ) : null}
    </div>
  );
}

export function ScorePanel({ view }: { view: FacilitatorView }) {
  const recent = useOp('app.recentCases', {}, 'recent');
  const run = useAction('tabletop.score');
  const [casePath, setCasePath] = useState('');
  const [score, setScore] = useState<{ path: string; score: TabletopScore } | null>(null);
  if (view.clock.state !== 'ended') return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const path = casePath.trim();
    const s = await run.run({
      path,
      truth: view.truthPath,
      ...(view.exerciseClock ? { exerciseClock: view.exerciseClock } : {}),
    });
    if (s) setScore({ path, score: s });
  }

  return (
    <section
      className="panel exercise-score"
      data-testid="exercise-score"
      aria-labelledby="ex-score-h"
    >
      <h2 id="ex-score-h">Score a participant&apos;s case</h2>
      <form className="form inline" onSubmit={(e) => void submit(e)}>
        <label className="grow">
          Case file
          <input
            name="scoreCase"
            list="exercise-recent-cases"
            value={casePath}
            onChange={(e) => setCasePath(e.target.value)}
            placeholder="/cases/team-blue.cairn"
            required
          />
          <datalist id="exercise-recent-cases">
            {recent.data?.cases.map((c) => (
              <option key={c.path} value={c.path}>
                {c.title}
              </option>
            ))}
          </datalist>
        </label>
        <button
          className="primary"
          type="submit"
          disabled={run.pending || !casePath.trim()}
          data-testid="score-run"
        >
          Score
        </button>
      </form>
      <ErrorNote error={run.error} />
      {score ? (
        <>
          <div className="row" data-testid="score-overall" data-score={score.score.overall.score}>
            <span className="overall">{score.score.overall.score}</span>
            <span className="muted">/ 100 · {score.score.case.title}</span>
          </div>
          <p className="small">{score.score.overall.explanation}</p>
          <Metrics score={score.score} />
          <Report key={score.path} view={view} casePath={score.path} />
        </>
      ) : null}
    </section>
  );
}
