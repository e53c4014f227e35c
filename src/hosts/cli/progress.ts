// A one-line progress bar on stderr for terminals; silent when stderr is not a terminal.
import type { IngestProgress } from '../../sources/ingest/runner';
import type { CommandIO } from './command';

const WIDTH = 28;

function human(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function ingestProgressLine(p: IngestProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.records / p.elapsedMs) * 1000) : 0;
  const phase =
    p.phase === 'indexing'
      ? 'building indexes'
      : p.phase === 'listing'
        ? 'listing'
        : `${p.files} files`;
  const frac = p.bytesTotal ? Math.min(1, p.bytes / p.bytesTotal) : null;
  const bar =
    frac === null
      ? ''
      : `[${'#'.repeat(Math.round(frac * WIDTH)).padEnd(WIDTH, '.')}] ${(frac * 100).toFixed(0).padStart(3)}% `;
  return `${bar}${phase}, ${human(p.records)} records, ${human(p.inserted)} new, ${human(rate)}/s${p.filesSkipped ? `, ${p.filesSkipped} already ingested` : ''}`;
}

export function progressBar(io: CommandIO): { update(p: IngestProgress): void; done(): void } {
  let shown = false;
  return {
    update(p) {
      if (!io.interactive) return;
      io.stderr(`\r\x1b[2K${ingestProgressLine(p)}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
