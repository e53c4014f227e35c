// Re-walks the audit chain and evidence hashes on demand and says plainly what it found.
import { useOp } from '../api/hooks';
import { useIntent } from '../commands/workbench';
import { ErrorNote } from '../components/ErrorNote';

export function IntegrityPanel({ path, changes }: { path: string; changes: number }) {
  const report = useOp('case.verify', { path }, `${path}:${changes}`);
  const r = report.data;
  // Opening the tab verifies already; "verify" while it is open verifies again.
  useIntent('verify', () => {
    if (!report.loading) report.reload();
  });
  return (
    <section className="panel" data-testid="integrity">
      <div className="row spread">
        <h2>Integrity</h2>
        <button onClick={report.reload} disabled={report.loading}>
          Verify again
        </button>
      </div>
      <ErrorNote error={report.error} />
      {r ? (
        r.ok ? (
          <div className="ok-note">
            <strong>Intact.</strong> The audit chain of {r.auditEntries} entries links and hashes
            correctly; all {r.timelineEntries} timeline entries match the audit entries that
            recorded them;{' '}
            {r.evidenceFiles.checked === 0
              ? 'no evidence files are kept yet.'
              : `all ${r.evidenceFiles.checked} kept evidence files match their sha256.`}
            {r.auditHead ? (
              <div className="mono">
                Head #{r.auditHead.seq} {r.auditHead.hash}
              </div>
            ) : null}
          </div>
        ) : (
          <div className="error-note" role="alert">
            <strong>This case file was altered outside Cairn.</strong>
            <ul>
              {r.problems.map((p) => (
                <li key={p.ref}>{p.message}</li>
              ))}
            </ul>
            Keep the file as it is (it is evidence of the tampering) and work from a verified copy
            or backup.
          </div>
        )
      ) : null}
    </section>
  );
}
