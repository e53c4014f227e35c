import type { CaseInfo } from '../../src/shared/domain';
import { KeysCard } from '../components/KeysCard';
import { Time } from '../components/Time';

export function Overview({ info }: { info: CaseInfo }) {
  const c = info.counts;
  return (
    <div className="grid" data-testid="overview">
      <section className="panel">
        <h2>Case</h2>
        <dl className="facts">
          <dt>File</dt>
          <dd className="mono">{info.path}</dd>
          <dt>Case id</dt>
          <dd className="mono">{info.caseId}</dd>
          <dt>Created</dt>
          <dd>
            <Time iso={info.createdAt} zone={info.timezone} inline /> by {info.createdBy} (Cairn{' '}
            {info.createdWith})
          </dd>
          <dt>Aware at</dt>
          <dd>
            {info.awareness ? (
              <>
                <Time iso={info.awareness.at} zone={info.timezone} inline />, set by{' '}
                {info.awareness.setBy}
                {info.awareness.reason ? `: ${info.awareness.reason}` : ''}
              </>
            ) : (
              <span className="warn-text">
                Not set. Set it as soon as you know: it starts the notification clocks.
              </span>
            )}
          </dd>
        </dl>
      </section>
      <section className="panel">
        <h2>Evidence and record</h2>
        <dl className="facts">
          <dt>Sources</dt>
          <dd>{c.sources}</dd>
          <dt>Evidence files</dt>
          <dd>{c.evidenceFiles.toLocaleString('en-US')}</dd>
          <dt>CloudTrail events</dt>
          <dd>{c.events.toLocaleString('en-US')}</dd>
          <dt>S3 access lines</dt>
          <dd>{c.s3Access.toLocaleString('en-US')}</dd>
          <dt>Findings</dt>
          <dd>{c.findings}</dd>
          <dt>Timeline entries</dt>
          <dd>{c.timeline}</dd>
          <dt>Audit entries</dt>
          <dd>{c.audit}</dd>
          <dt>Audit head</dt>
          <dd className="mono">
            {info.auditHead
              ? `#${info.auditHead.seq} ${info.auditHead.hash.slice(0, 16)}…`
              : 'none'}
          </dd>
        </dl>
      </section>
      <KeysCard />
    </div>
  );
}
