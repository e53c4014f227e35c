// HTML export: one self-contained file (inline styles, no scripts, no external resources) that
// reads on screen and prints with repeated table headers. Each timeline row is a
// <tr data-entry="…"> whose exact markup is hashed into the manifest, so verify-export can name a
// row that was edited.
import { buildDocument, type Block, type Section } from './document';
import type { ExportModel } from './model';

const esc = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const lines = (s: string): string => esc(s).replace(/\n/g, '<br>');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#17202b;margin:2rem auto;max-width:1200px;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;border-bottom:2px solid #17202b;padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.02rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:12px}
th,td{border:1px solid #c9d1db;padding:.3rem .45rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eef2f6}thead{display:table-header-group}tr{break-inside:avoid}
tr.muted td{color:#5a6878;background:#f7f8fa}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.kv dt{color:#5a6878}dl.kv dd{margin:0;overflow-wrap:anywhere}
pre{background:#f5f7fa;border:1px solid #d3dae3;padding:.6rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:11.5px}
.muted{color:#5a6878}.warn{color:#9a6700;font-weight:600}.strong{font-weight:600}
footer{margin-top:3rem;color:#5a6878;font-size:12px}
@media print{body{margin:0;max-width:none}section.page{break-before:page}}
`;

export function rowHtml(cells: string[], entryId: string | undefined, tone?: 'muted'): string {
  const attrs = `${entryId ? ` data-entry="${esc(entryId)}"` : ''}${tone ? ` class="${tone}"` : ''}`;
  return `<tr${attrs}>${cells.map((c) => `<td>${lines(c)}</td>`).join('')}</tr>`;
}

function block(b: Block): string {
  switch (b.t) {
    case 'p':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${lines(b.text)}</p>`;
    case 'h3':
      return `<h3>${esc(b.text)}</h3>`;
    case 'kv':
      return `<dl class="kv">${b.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${lines(v)}</dd>`).join('')}</dl>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'pre':
      return `<pre>${esc(b.text)}</pre>`;
    case 'table':
      if (b.rows.length === 0) return b.empty ? `<p class="muted">${esc(b.empty)}</p>` : '';
      return `<table><colgroup>${b.columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup><thead><tr>${b.columns
        .map((c) => `<th>${esc(c.title)}</th>`)
        .join('')}</tr></thead><tbody>\n${b.rows
        .map((r) => rowHtml(r.cells, r.entryId, r.tone))
        .join('\n')}\n</tbody></table>`;
  }
}

function section(s: Section, first: boolean): string {
  const heading = first ? `<h1>${esc(s.title)}</h1>` : `<h2>${esc(s.title)}</h2>`;
  return `<section id="${s.id}"${s.newPage ? ' class="page"' : ''}>${heading}${s.blocks.map(block).join('\n')}</section>`;
}

/** The exact markup of each timeline row, by entry id (the same bytes renderHtml writes). */
export function htmlRowMarkup(model: ExportModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of buildDocument(model, ''))
    for (const b of s.blocks)
      if (b.t === 'table')
        for (const r of b.rows)
          if (r.entryId) out.set(r.entryId, rowHtml(r.cells, r.entryId, r.tone));
  return out;
}

/** What the page says around a document: its title and the line at its foot. */
export interface PageMeta {
  title: string;
  toolVersion: string;
  manifestSha256: string;
}

/** Any document of sections (the timeline export, the after-action report) as one HTML file. */
export function renderSectionsHtml(sections: Section[], meta: PageMeta): Buffer {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Cairn ${esc(meta.toolVersion)}">
<meta name="cairn-manifest-sha256" content="${meta.manifestSha256}">
<title>${esc(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${sections.map((s, i) => section(s, i === 0)).join('\n')}
<footer>Prepared with Cairn ${esc(meta.toolVersion)} · export manifest sha256 ${meta.manifestSha256}</footer>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}

export function renderHtml(model: ExportModel, manifestSha256: string): Buffer {
  return renderSectionsHtml(buildDocument(model, manifestSha256), {
    title: `${model.case.title}: incident timeline`,
    toolVersion: model.toolVersion,
    manifestSha256,
  });
}

/** Every <tr data-entry="…">…</tr> in an HTML export, by entry id (for verify-export). */
export function findHtmlRows(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<tr data-entry="([^"]*)"[^>]*>[\s\S]*?<\/tr>/g))
    out.set(m[1]!.replace(/&amp;/g, '&'), m[0]);
  return out;
}
