// The evidence a run has gathered so far: the latest finding of each analysis its evidence steps
// ran, said in words from the summary the run keeps (the numbers its decisions read), each with a
// link that opens the whole finding in the Findings tab.
import type { ReactNode } from 'react';
import type { FindingRef } from '../../../src/shared/runbook';
import { useWorkbench } from '../../commands/workbench';
import { Time } from '../../components/Time';

const ANALYSIS_TEXT: Record<string, string> = {
  keyActivity: 'Key activity',
  enumeration: 'Enumeration',
  bucketExposure: 'Bucket exposure',
};

type Summary = Record<string, unknown>;

const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const plural = (k: number, one: string, many = `${one}s`) =>
  `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;

function When({ iso, zone }: { iso: string | null; zone: string }) {
  return iso ? <Time iso={iso} zone={zone} inline /> : <>an unknown time</>;
}

function keyActivityLines(x: Summary, zone: string): ReactNode[] {
  if (x['found'] === false) return ['The key does not appear in any CloudTrail event in the case.'];
  const out: ReactNode[] = [
    <>
      {plural(n(x['calls']), 'call')} from <When iso={s(x['firstSeen'])} zone={zone} /> to{' '}
      <When iso={s(x['lastSeen'])} zone={zone} />
      {s(x['userName']) ? (
        <>
          , acting as user <span className="mono">{s(x['userName'])}</span>
        </>
      ) : null}
      .
    </>,
    <>
      Exposure window from <When iso={s(x['windowStart'])} zone={zone} /> to{' '}
      {s(x['windowEnd']) ? (
        <When iso={s(x['windowEnd'])} zone={zone} />
      ) : (
        <strong className="bad-text">still open</strong>
      )}
      ;{' '}
      {s(x['deactivatedAt']) ? (
        <>
          deactivated at <When iso={s(x['deactivatedAt'])} zone={zone} />.
        </>
      ) : (
        <span className="warn-text">not deactivated in the logs.</span>
      )}
    </>,
    `${plural(n(x['writes']), 'successful write')}; ${plural(n(x['derivedCredentials']), 'credential')} created.`,
  ];
  const ips = list(x['externalIps']);
  if (ips.length)
    out.push(
      <>
        Used from outside addresses: <span className="mono">{ips.join(', ')}</span>.
      </>,
    );
  const outliving = list(x['sessionsOutliving']);
  if (outliving.length)
    out.push(
      <span className="warn-text">
        Sessions still valid after the key was switched off:{' '}
        <span className="mono">{outliving.join(', ')}</span>.
      </span>,
    );
  const created = list(x['createdPrincipals']);
  if (created.length)
    out.push(
      <>
        Created: <span className="mono">{created.join(', ')}</span>.
      </>,
    );
  return out;
}

const VERDICT: Record<string, string> = {
  'active-compromise': 'active compromise',
  probing: 'probing (bursts of denied calls)',
  recon: 'reconnaissance, no successful write yet',
  'nothing-suspicious': 'nothing crosses the thresholds',
  'no-data': 'no events to look at',
};

function enumerationLines(x: Summary): ReactNode[] {
  const verdict = s(x['verdict']) ?? 'unknown';
  const out: ReactNode[] = [
    <>
      Verdict: <strong>{VERDICT[verdict] ?? verdict}</strong>; {plural(n(x['sessions']), 'session')}{' '}
      ({n(x['recon'])} recon, {n(x['probing'])} probing).
    </>,
  ];
  const inflection = s(x['inflectionPoint']);
  if (inflection)
    out.push(
      <span className="bad-text">
        Inflection point: <span className="mono">{inflection}</span>.
      </span>,
    );
  const who = [...list(x['principals']), ...list(x['accessKeys'])];
  if (who.length)
    out.push(
      <>
        Who: <span className="mono">{who.join(', ')}</span>.
      </>,
    );
  const from = list(x['ipClasses']).length ? list(x['ipClasses']) : list(x['sourceIps']);
  if (from.length)
    out.push(
      <>
        From: <span className="mono">{from.join(', ')}</span>.
      </>,
    );
  return out;
}

const STATE: Record<string, string> = {
  public: 'public at the last log record',
  possible: 'possibly public at the last log record',
  unknown: 'exposure unknown at the last log record',
  'not-public': 'not public at the last log record',
};

function bucketLines(x: Summary, zone: string): ReactNode[] {
  const state = s(x['state']) ?? 'unknown';
  const windows = n(x['windows']);
  const out: ReactNode[] = [
    <>
      <span className="mono">s3://{s(x['bucket']) ?? '?'}</span>: {STATE[state] ?? state}.
    </>,
  ];
  if (windows)
    out.push(
      <>
        {plural(windows, 'exposure window')} ({n(x['confirmedWindows'])} confirmed) from{' '}
        <When iso={s(x['exposedFrom'])} zone={zone} /> to{' '}
        {x['stillOpen'] ? (
          <strong className="bad-text">still open</strong>
        ) : (
          <When iso={s(x['exposedUntil'])} zone={zone} />
        )}
        .
      </>,
    );
  out.push(
    x['readsVisible'] === false
      ? 'Reads are not visible: no access logs or data events cover the windows.'
      : `${plural(n(x['externalReads']), 'external read')} of ${plural(n(x['objectsRead']), 'object')}, ${n(x['anonymousReads'])} anonymous.`,
  );
  return out;
}

/** Any other analysis: its summary fields as they are. */
function otherLines(x: Summary): ReactNode[] {
  return Object.entries(x).map(([k, v]) => (
    <>
      {k}: <span className="mono">{Array.isArray(v) ? v.join(', ') : String(v)}</span>
    </>
  ));
}

function lines(analysis: string, x: Summary, zone: string): ReactNode[] {
  switch (analysis) {
    case 'keyActivity':
      return keyActivityLines(x, zone);
    case 'enumeration':
      return enumerationLines(x);
    case 'bucketExposure':
      return bucketLines(x, zone);
    default:
      return otherLines(x);
  }
}

/** A link to a finding in the Findings tab (inside a case; plain text elsewhere). */
export function FindingLink({ id, label }: { id: number; label?: string }) {
  const wb = useWorkbench();
  const text = label ?? `finding #${id}`;
  if (!wb) return <>{text}</>;
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => wb.goTo('findings', { kind: 'open-finding', findingId: id })}
      data-testid="finding-link"
      data-finding={id}
    >
      {text}
    </button>
  );
}

export function EvidenceGathered({
  findings,
  zone,
}: {
  findings: Record<string, FindingRef>;
  zone: string;
}) {
  const entries = Object.entries(findings);
  return (
    <section className="evidence-gathered" data-testid="evidence-gathered">
      <h3>Evidence gathered ({entries.length})</h3>
      {entries.length === 0 ? (
        <p className="muted small">
          None yet: the run’s evidence steps record what they find here.
        </p>
      ) : null}
      <ul>
        {entries.map(([analysis, ref]) => (
          <li key={analysis} data-testid="evidence-item" data-analysis={analysis}>
            <div className="row spread wrap">
              <strong>{ANALYSIS_TEXT[analysis] ?? analysis}</strong>
              <FindingLink
                id={ref.findingId}
                label={`Open finding #${ref.findingId} in Findings`}
              />
            </div>
            <ul className="evidence-lines">
              {lines(analysis, ref.summary, zone).map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
