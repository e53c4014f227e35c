// Runs an ingest through the API the way every host does (a job on its own worker thread) and
// returns its report, failing the test with the job's error if it failed.
import { callOp, type ApiContext } from '../../src/api';
import type { OpInput } from '../../src/shared/contract';
import type { IngestReport } from '../../src/sources/ingest/runner';

export async function ingest(
  ctx: ApiContext,
  input: OpInput<'ingest.start'>,
): Promise<IngestReport> {
  const job = await callOp('ingest.start', input, ctx);
  const done = await ctx.jobs.wait(job.id);
  if (done.status !== 'done') throw new Error(`ingest failed: ${JSON.stringify(done.error)}`);
  return done.result as IngestReport;
}
