// PDF export with pdfmake: a layout engine over PDFKit that gives real (selectable, extractable)
// text with an embedded Unicode font, tables that break across pages and repeat their header row,
// and page numbers in a footer, from a declarative document that mirrors the HTML outline. It runs
// in plain Node (CLI, web host, Electron main) without a browser, and needs no network.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CairnError } from '../shared/errors';
import { buildDocument, type Block, type Section } from './document';
import type { ExportModel } from './model';

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

// pdfmake's virtual file system is not in its type definitions; fonts are loaded into it so that
// the document never reads a path of its own choosing.
interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
  existsSync(name: string): boolean;
}

/**
 * Where the Roboto files are: a `fonts/` folder beside the running bundle (a packaged app copies
 * them there), else pdfmake's own copy in node_modules (source checkouts, the CLI, tests).
 */
function fontFile(file: string): string {
  const beside = fileURLToPath(new URL(`./fonts/${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  try {
    return createRequire(import.meta.url).resolve(`pdfmake/fonts/Roboto/${file}`);
  } catch {
    throw new CairnError(
      'IO',
      `the PDF font ${file} is missing from this installation`,
      'export as HTML, CSV or JSON instead, or reinstall Cairn',
    );
  }
}

let fontsReady = false;
function ensureFonts(): void {
  if (fontsReady) return;
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  for (const file of Object.values(FONT_FILES)) {
    if (!vfs.existsSync(file)) vfs.writeFileSync(file, readFileSync(fontFile(file)));
  }
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  // Documents are built from case data only: no URL or local path may be fetched.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

const TONE_STYLE = { muted: 'muted', warn: 'warn', strong: 'strong' } as const;

function table(b: Extract<Block, { t: 'table' }>): Content {
  if (b.rows.length === 0) return b.empty ? { text: b.empty, style: 'muted' } : { text: '' };
  const header: TableCell[] = b.columns.map((c) => ({ text: c.title, style: 'th' }));
  const body: TableCell[][] = [
    header,
    ...b.rows.map((r) =>
      r.cells.map((c): TableCell => ({ text: c, ...(r.tone ? { color: '#5a6878' } : {}) })),
    ),
  ];
  return {
    table: { headerRows: 1, widths: b.columns.map((c) => `${c.width}%`), body },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#c9d1db',
      vLineColor: () => '#c9d1db',
      fillColor: (row: number) => (row === 0 ? '#eef2f6' : null),
    },
    style: 'table',
  };
}

function block(b: Block): Content {
  switch (b.t) {
    case 'p':
      return {
        text: b.text,
        ...(b.tone ? { style: TONE_STYLE[b.tone] } : {}),
        margin: [0, 0, 0, 5],
      };
    case 'h3':
      return { text: b.text, style: 'h3' };
    case 'kv':
      return {
        table: {
          widths: ['auto', '*'],
          body: b.rows.map(([k, v]): TableCell[] => [{ text: k, style: 'muted' }, { text: v }]),
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 6],
      };
    case 'list':
      return { ul: b.items, margin: [0, 0, 0, 6] };
    case 'pre':
      return { text: b.text, style: 'pre', preserveLeadingSpaces: true };
    case 'table':
      return table(b);
  }
}

function section(s: Section, first: boolean): Content[] {
  return [
    {
      text: s.title,
      style: first ? 'h1' : 'h2',
      ...(s.newPage ? { pageBreak: 'before' as const } : {}),
    },
    ...s.blocks.map(block),
  ];
}

/** What the printed page says around a document: its title, author and the running lines. */
export interface PrintMeta {
  /** The PDF's title ("Acme: incident timeline"). */
  title: string;
  author: string;
  subject: string;
  toolVersion: string;
  preparedAt: string;
  /** The header on every page after the first. */
  runningHeader: string;
  manifestSha256: string;
}

export function sectionsPdfDefinition(sections: Section[], meta: PrintMeta): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 40, 36, 40],
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      creator: `Cairn ${meta.toolVersion}`,
      producer: `Cairn ${meta.toolVersion} (pdfmake)`,
      creationDate: new Date(meta.preparedAt),
    },
    header: (page: number): Content =>
      page === 1
        ? { text: '' }
        : { text: meta.runningHeader, style: 'running', margin: [36, 18, 36, 0] },
    footer: (page: number, pages: number): Content => ({
      columns: [
        { text: `Export manifest sha256 ${meta.manifestSha256}`, style: 'running' },
        { text: `Page ${page} of ${pages}`, style: 'running', alignment: 'right', width: 90 },
      ],
      margin: [36, 12, 36, 0],
    }),
    content: sections.flatMap((s, i) => section(s, i === 0)),
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 60, 0, 10] },
      h2: { fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true, fontSize: 7.5 },
      table: { fontSize: 7.5, margin: [0, 2, 0, 10] },
      muted: { color: '#5a6878' },
      warn: { color: '#9a6700', bold: true },
      strong: { bold: true, fontSize: 11 },
      pre: { fontSize: 6.5, color: '#17202b', margin: [0, 2, 0, 8] },
      running: { fontSize: 7, color: '#5a6878' },
    },
  };
}

export function pdfDefinition(model: ExportModel, manifestSha256: string): TDocumentDefinitions {
  return sectionsPdfDefinition(buildDocument(model, manifestSha256), {
    title: `${model.case.title}: incident timeline`,
    author: model.preparedBy,
    subject: `Cairn case ${model.case.caseId}`,
    toolVersion: model.toolVersion,
    preparedAt: model.preparedAt,
    runningHeader: `${model.case.title} · incident timeline · prepared ${model.preparedAt}`,
    manifestSha256,
  });
}

/** Any document of sections (the timeline export, the after-action report) as PDF bytes. */
export async function renderSectionsPdf(sections: Section[], meta: PrintMeta): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(sectionsPdfDefinition(sections, meta)).getBuffer();
}

export async function renderPdf(model: ExportModel, manifestSha256: string): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(pdfDefinition(model, manifestSha256)).getBuffer();
}
