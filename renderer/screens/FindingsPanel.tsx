// Findings: the analyses recorded in the case. Ask one of the three questions (what did this key
// do, who enumerated, when was this bucket public), read the answer below, and open or re-run
// any finding recorded earlier, here or by a runbook. Each analysis has its own module in
// findings/; this file only wires them together.
import { useEffect, useRef, useState } from 'react';
import type { OpInput } from '../../src/shared/contract';
import type { Finding } from '../../src/shared/domain';
import { useAction, useOp } from '../api/hooks';
import { parseKeyParam } from '../commands/registry';
import { useIntent } from '../commands/workbench';
import { ErrorNote } from '../components/ErrorNote';
import { BucketForm } from './findings/BucketExposure';
import { EnumerationForm, enumerationParams } from './findings/Enumeration';
import { FindingResult, type ShownFinding } from './findings/FindingResult';
import { FindingsList } from './findings/FindingsList';
import { KeyActivityForm, type KeyActivityParams } from './findings/KeyActivity';
import './findings/findings.css';

interface Fresh {
  id: number;
  kind: string;
  subject: string;
  result: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

type EnumerationInput = Omit<OpInput<'analysis.enumeration'>, 'path'>;

/** The enumeration input that repeats a recorded run (its params are the engine's options). */
function enumerationRerun(params: unknown): EnumerationInput {
  const p = (params ?? {}) as Record<string, unknown>;
  const iso = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const out: EnumerationInput = {};
  const principalArn = str(p['principalArn']);
  const accessKeyId = str(p['accessKeyId']);
  const from = iso(num(p['fromMs']));
  const to = iso(num(p['toMs']));
  if (principalArn) out.principalArn = principalArn;
  if (accessKeyId) out.accessKeyId = accessKeyId;
  if (from) out.from = from;
  if (to) out.to = to;
  for (const k of ['sessionGapMinutes', 'minDistinctApis', 'minServices', 'minDenied'] as const) {
    const v = num(p[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function FindingsPanel({
  path,
  zone,
  onChange,
}: {
  path: string;
  zone: string;
  onChange: () => void;
}) {
  const [nonce, setNonce] = useState(0);
  const [showSuperseded, setShowSuperseded] = useState(false);
  const list = useOp('findings.list', { path, includeSuperseded: true }, `${path}:${nonce}`);
  const keyRun = useAction('analysis.keyActivity');
  const enumRun = useAction('analysis.enumeration');
  const bucketRun = useAction('analysis.bucketExposure');
  const [selected, setSelected] = useState<{ id: number; fresh?: Fresh } | null>(null);
  // Forms start again from these values when a run comes from elsewhere (palette, re-run).
  const [preset, setPreset] = useState<{
    seq: number;
    key?: KeyActivityParams;
    enumeration?: string;
    bucket?: string;
  }>({ seq: 0 });
  const resultRef = useRef<HTMLDivElement>(null);
  const [scrollSeq, setScrollSeq] = useState(0);
  const busy = keyRun.pending || enumRun.pending || bucketRun.pending;
  const findings: Finding[] = list.data?.findings ?? [];

  useEffect(() => {
    if (scrollSeq > 0) resultRef.current?.scrollIntoView({ block: 'start' });
  }, [scrollSeq]);

  function show(id: number, fresh?: Fresh) {
    setSelected({ id, ...(fresh ? { fresh } : {}) });
    setScrollSeq((n) => n + 1);
  }

  function recorded(fresh: Fresh) {
    show(fresh.id, fresh);
    setNonce((n) => n + 1);
    onChange();
  }

  async function runKey(p: KeyActivityParams) {
    const r = await keyRun.run({ path, ...p });
    if (r)
      recorded({ id: r.findingId, kind: 'key-activity', subject: p.accessKeyId, result: r.result });
  }

  async function runEnumeration(p: EnumerationInput) {
    const r = await enumRun.run({ path, ...p });
    if (r)
      recorded({
        id: r.findingId,
        kind: 'enumeration',
        subject: p.accessKeyId ?? p.principalArn ?? '*',
        result: r.result,
      });
  }

  async function runBucket(bucket: string) {
    const r = await bucketRun.run({ path, bucket });
    if (r) {
      const { findingId, supersedes: _s, ...result } = r;
      recorded({ id: findingId, kind: 'bucket-exposure', subject: r.bucket, result });
    }
  }

  function rerun(f: Finding) {
    const params = (f.params ?? {}) as Record<string, unknown>;
    switch (f.kind) {
      case 'key-activity': {
        const p = {
          accessKeyId: str(params['accessKeyId']) ?? f.subject,
          ...(str(params['exposedAt']) ? { exposedAt: str(params['exposedAt'])! } : {}),
        };
        setPreset((o) => ({ ...o, seq: o.seq + 1, key: p }));
        void runKey(p);
        break;
      }
      case 'enumeration': {
        const p = enumerationRerun(params);
        setPreset((o) => ({
          ...o,
          seq: o.seq + 1,
          enumeration: p.principalArn ?? p.accessKeyId ?? '',
        }));
        void runEnumeration(p);
        break;
      }
      case 'bucket-exposure':
        setPreset((o) => ({ ...o, seq: o.seq + 1, bucket: f.subject }));
        void runBucket(f.subject);
        break;
      default:
        break;
    }
  }

  useIntent('open-finding', (i) => {
    show(i.findingId);
    setNonce((n) => n + 1); // a runbook may have recorded it since this list loaded
  });

  useIntent('run-analysis', (i) => {
    switch (i.analysis) {
      case 'key-activity': {
        const p = parseKeyParam(i.value);
        setPreset((o) => ({ ...o, seq: o.seq + 1, key: p }));
        void runKey(p);
        break;
      }
      case 'enumeration':
        setPreset((o) => ({ ...o, seq: o.seq + 1, enumeration: i.value }));
        void runEnumeration(enumerationParams(i.value));
        break;
      case 'bucket-exposure':
        setPreset((o) => ({ ...o, seq: o.seq + 1, bucket: i.value.trim() }));
        void runBucket(i.value.trim());
        break;
    }
  });

  const subjects = (kind: string) => [
    ...new Set(findings.filter((f) => f.kind === kind).map((f) => f.subject)),
  ];

  let shown: ShownFinding | null = null;
  if (selected) {
    const f = findings.find((x) => x.id === selected.id);
    const later = findings.find((x) => x.supersedes === selected.id);
    if (f)
      shown = {
        id: f.id,
        kind: f.kind,
        subject: f.subject,
        title: f.title,
        createdAt: f.createdAt,
        actor: f.actor,
        query: f.query,
        result: f.result,
        supersededBy: later?.id ?? null,
      };
    else if (selected.fresh)
      shown = {
        ...selected.fresh,
        title: selected.fresh.subject,
        createdAt: null,
        actor: null,
        query: null,
        supersededBy: null,
      };
  }
  const missing = selected && !shown && list.data && !list.loading;

  return (
    <div className="findings" data-testid="findings-panel">
      <section className="analysis-forms" aria-label="Run an analysis">
        <KeyActivityForm
          key={`key-${preset.seq}`}
          pending={keyRun.pending}
          error={keyRun.error}
          {...(preset.key ? { initial: preset.key } : {})}
          suggestions={subjects('key-activity')}
          onRun={(p) => void runKey(p)}
        />
        <EnumerationForm
          key={`enum-${preset.seq}`}
          pending={enumRun.pending}
          error={enumRun.error}
          {...(preset.enumeration !== undefined ? { initial: preset.enumeration } : {})}
          onRun={(p) => void runEnumeration(p)}
        />
        <BucketForm
          key={`bucket-${preset.seq}`}
          pending={bucketRun.pending}
          error={bucketRun.error}
          {...(preset.bucket !== undefined ? { initial: preset.bucket } : {})}
          suggestions={subjects('bucket-exposure')}
          onRun={(b) => void runBucket(b)}
        />
      </section>
      <section className="panel" aria-labelledby="recorded-h">
        <div className="row spread wrap">
          <h2 id="recorded-h">Recorded findings</h2>
          <label className="check small">
            <input
              type="checkbox"
              checked={showSuperseded}
              onChange={(e) => setShowSuperseded(e.target.checked)}
              data-testid="show-superseded"
            />
            Show runs a later run replaced
          </label>
        </div>
        <ErrorNote error={list.error} />
        {list.data ? (
          <FindingsList
            findings={findings}
            zone={zone}
            selected={selected?.id ?? null}
            showSuperseded={showSuperseded}
            busy={busy}
            onOpen={(f) => show(f.id)}
            onRerun={rerun}
          />
        ) : (
          <p className="muted">Loading the findings…</p>
        )}
      </section>
      <div ref={resultRef} className="findings-result">
        {busy ? (
          <p className="muted" role="status">
            Analysing the case’s evidence…
          </p>
        ) : null}
        {missing ? (
          <p className="warn-text" role="status">
            Finding #{selected.id} is not in this case.
          </p>
        ) : null}
        {shown ? (
          <section className="panel">
            <FindingResult f={shown} zone={zone} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
