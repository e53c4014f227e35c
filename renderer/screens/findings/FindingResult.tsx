// One recorded finding: which it is (number, when, by whom, whether a later run replaced it),
// the answer drawn by its analysis's view, and the exact query that produced it.
import { BucketExposureSchema } from '../../../src/shared/ops/analysis-bucket';
import { Time } from '../../components/Time';
import { BucketExposureView } from './BucketExposure';
import { EnumerationView } from './Enumeration';
import { KIND_LABEL } from './FindingsList';
import { KeyActivityView } from './KeyActivity';
import { EnumerationSchema, KeyActivitySchema } from './types';

export interface ShownFinding {
  id: number;
  kind: string;
  subject: string;
  title: string;
  createdAt: string | null;
  actor: string | null;
  query: string | null;
  result: unknown;
  supersededBy: number | null;
}

function Body({ f, zone }: { f: ShownFinding; zone: string }) {
  switch (f.kind) {
    case 'key-activity': {
      const p = KeyActivitySchema.safeParse(f.result);
      if (p.success) return <KeyActivityView r={p.data} zone={zone} />;
      break;
    }
    case 'enumeration': {
      const p = EnumerationSchema.safeParse(f.result);
      if (p.success) return <EnumerationView r={p.data} zone={zone} />;
      break;
    }
    case 'bucket-exposure': {
      const p = BucketExposureSchema.safeParse(f.result);
      if (p.success) return <BucketExposureView r={p.data} zone={zone} />;
      break;
    }
    default:
      break;
  }
  // A kind this screen has no view for (or an older shape): the recorded answer as it is.
  return (
    <div className="analysis-result" data-testid="finding-raw">
      <h2>{f.title}</h2>
      <pre className="raw">{JSON.stringify(f.result, null, 2)}</pre>
    </div>
  );
}

export function FindingResult({ f, zone }: { f: ShownFinding; zone: string }) {
  return (
    <article className="finding-shown" data-testid="finding-shown" data-finding={f.id}>
      <header className="finding-head">
        <span className="chip">{KIND_LABEL[f.kind] ?? f.kind}</span>
        <span>
          finding <strong>#{f.id}</strong>
          {f.createdAt ? (
            <>
              , recorded <Time iso={f.createdAt} zone={zone} inline />
            </>
          ) : null}
          {f.actor ? ` by ${f.actor}` : ''}
        </span>
        {f.supersededBy !== null ? (
          <span className="chip warn">superseded by #{f.supersededBy}</span>
        ) : null}
      </header>
      <Body f={f} zone={zone} />
      {f.query ? (
        <details className="finding-query">
          <summary>How this was found (the query, as run)</summary>
          <pre className="raw">{f.query}</pre>
        </details>
      ) : null}
    </article>
  );
}
