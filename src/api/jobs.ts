// Long-running work (ingest, export) as jobs: started by one call, observed through progress
// events (SSE in the web host, IPC in Electron, a progress bar in the CLI), finished with a result.
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { toErrorShape } from '../shared/errors';
import type { JobState } from '../shared/domain';

export class JobRegistry extends EventEmitter<{ update: [JobState] }> {
  private readonly jobs = new Map<string, JobState>();
  private readonly done = new Map<string, Promise<JobState>>();

  start(
    kind: JobState['kind'],
    casePath: string,
    nowMs: number,
    run: (progress: (p: unknown) => void) => Promise<unknown>,
  ): JobState {
    const job: JobState = {
      id: randomUUID(),
      kind,
      casePath,
      status: 'running',
      startedAt: new Date(nowMs).toISOString(),
      finishedAt: null,
      progress: null,
      result: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    const update = (patch: Partial<JobState>): JobState => {
      Object.assign(job, patch);
      this.emit('update', { ...job });
      return { ...job };
    };
    this.done.set(
      job.id,
      run((p) => update({ progress: p })).then(
        (result) => update({ status: 'done', result, finishedAt: new Date().toISOString() }),
        (err: unknown) =>
          update({
            status: 'failed',
            error: toErrorShape(err),
            finishedAt: new Date().toISOString(),
          }),
      ),
    );
    this.emit('update', { ...job });
    return { ...job };
  }

  get(id: string): JobState | null {
    const j = this.jobs.get(id);
    return j ? { ...j } : null;
  }

  list(casePath?: string): JobState[] {
    return [...this.jobs.values()]
      .filter((j) => !casePath || j.casePath === casePath)
      .map((j) => ({ ...j }));
  }

  /** Resolves when the job has finished, successfully or not. */
  async wait(id: string): Promise<JobState> {
    const p = this.done.get(id);
    if (!p) throw new Error(`no job ${id}`);
    return p;
  }
}
