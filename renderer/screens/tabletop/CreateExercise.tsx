// Facilitator: make a new exercise (scenario, seed, size, speed, folder) or open one that exists.
import { useState, type FormEvent } from 'react';
import { TABLETOP_SCENARIOS } from '../../../src/shared/ops/tabletop';
import type { ExerciseCreated } from '../../../src/shared/ops/tabletop-exercise';
import { useAction, useJob, useOp } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

const SCENARIO_LABELS: Record<(typeof TABLETOP_SCENARIOS)[number], string> = {
  'leaked-key': 'Leaked access key (pushed to a public GitHub repository)',
  'public-bucket': 'Public S3 bucket (customer exports opened to the internet)',
  enumeration: 'Suspicious enumeration (stolen instance-role credentials)',
};

const SPEEDS = [
  { value: 1, label: 'Real time (×1)' },
  { value: 10, label: '×10: an hour in 6 minutes' },
  { value: 30, label: '×30: an hour in 2 minutes' },
  { value: 60, label: '×60: a minute a second' },
  { value: 300, label: '×300: five minutes a second' },
];

interface GenerateProgressView {
  records: number;
  total: number;
}

export function CreateExercise({ onOpen }: { onOpen: (dir: string) => void }) {
  const info = useOp('app.info', {}, 'info');
  const create = useAction('tabletop.exerciseCreate');
  const check = useAction('tabletop.exerciseStatus');
  const [scenario, setScenario] = useState<(typeof TABLETOP_SCENARIOS)[number]>('leaked-key');
  const [seed, setSeed] = useState('7');
  const [events, setEvents] = useState('20000');
  const [speed, setSpeed] = useState(60);
  const [dir, setDir] = useState('');
  const [openDir, setOpenDir] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const [opened, setOpened] = useState<string | null>(null);

  const base = info.data?.defaultCaseDir ?? '';
  const suggested = base ? `${base}/exercise-${scenario}-${seed || '0'}` : '';

  if (job?.status === 'done' && opened !== job.id) {
    setOpened(job.id);
    onOpen((job.result as ExerciseCreated).dir);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const j = await create.run({
      dir: dir.trim() || suggested,
      scenario,
      seed: Number(seed),
      events: Number(events),
      speed,
    });
    if (j) setJobId(j.id);
  }

  async function open(e: FormEvent) {
    e.preventDefault();
    const v = await check.run({ dir: openDir.trim(), role: 'facilitator' });
    if (v) onOpen(v.dir);
  }

  const p = (job?.progress ?? null) as GenerateProgressView | null;
  return (
    <div className="grid">
      <section className="panel" aria-labelledby="ex-new-h">
        <h2 id="ex-new-h">New exercise</h2>
        <form className="form" onSubmit={(e) => void submit(e)} data-testid="exercise-create-form">
          <label>
            Scenario
            <select
              name="scenario"
              value={scenario}
              onChange={(e) => setScenario(e.target.value as typeof scenario)}
            >
              {TABLETOP_SCENARIOS.map((s) => (
                <option key={s} value={s}>
                  {SCENARIO_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <div className="row wrap">
            <label>
              Seed (the same seed, the same incident)
              <input
                name="seed"
                inputMode="numeric"
                value={seed}
                onChange={(e) => setSeed(e.target.value.replace(/\D/g, ''))}
                required
              />
            </label>
            <label>
              CloudTrail records
              <input
                name="events"
                inputMode="numeric"
                value={events}
                onChange={(e) => setEvents(e.target.value.replace(/\D/g, ''))}
                required
              />
            </label>
            <label>
              Clock speed
              <select name="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Exercise folder (new or empty)
            <input
              name="dir"
              value={dir}
              onChange={(e) => setDir(e.target.value)}
              placeholder={suggested || '/exercises/drill-1'}
            />
          </label>
          <button
            className="primary"
            type="submit"
            disabled={create.pending || job?.status === 'running' || !seed || !events}
            data-testid="exercise-create"
          >
            Create exercise
          </button>
          <ErrorNote error={create.error} />
        </form>
        {job?.status === 'running' ? (
          <div className="progress" data-testid="exercise-generating">
            Generating the incident
            {p
              ? `: ${p.records.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`
              : '…'}
          </div>
        ) : null}
        {job?.status === 'failed' && job.error ? (
          <div className="error-note" role="alert">
            <strong>{job.error.message}</strong>
            {job.error.hint ? <div className="hint">{job.error.hint}</div> : null}
          </div>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="ex-open-h">
        <h2 id="ex-open-h">Open an exercise</h2>
        <form className="form" onSubmit={(e) => void open(e)}>
          <label>
            Exercise folder
            <input
              name="openDir"
              value={openDir}
              onChange={(e) => setOpenDir(e.target.value)}
              placeholder="/exercises/drill-1"
            />
          </label>
          <button type="submit" disabled={check.pending || !openDir.trim()}>
            Open
          </button>
          <ErrorNote error={check.error} />
        </form>
        <p className="muted small">
          Participants create or open their own case, then link it to the exercise folder from the
          case header. They see the clock, the injects as they arrive and the logs released so far;
          never the schedule or the truth.
        </p>
      </section>
    </div>
  );
}
