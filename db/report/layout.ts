/**
 * The page kit of the printed reports, over pdfkit: US Letter pages with fixed margins, the DejaVu
 * fonts shipped with the app (never a system font), headings that never stand alone at the foot of
 * a page, key-value blocks, and tables drawn by hand whose header row repeats on each page.
 * Pages are buffered, so that headers and footers ("Page X of Y") and the table of contents are
 * drawn once the page count is known.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

export type Font = 'body' | 'bold' | 'italic' | 'cond' | 'condBold' | 'mono';

const FONT_FILES: Record<Font, string> = {
  body: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  cond: 'DejaVuSansCondensed.ttf',
  condBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
};

/** Where the DejaVu fonts are: the dejavu-fonts-ttf package beside the code (a bundle passes its own folder). */
export function defaultFontDir(): string {
  // A CommonJS bundle (the desktop app's worker) has no import.meta: it resolves from its own file.
  const from = typeof import.meta.url === 'string' ? import.meta.url : __filename;
  return path.dirname(createRequire(from).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
}

export const COLORS = {
  text: '#1b1f24',
  muted: '#59636e',
  faint: '#8b949e',
  rule: '#c8cdd4',
  hairline: '#e1e4e8',
  fill: '#eceff3',
  zebra: '#f6f7f9',
  accent: '#1d3557',
  marking: '#9b1c1c',
} as const;

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN_X = 54;
const MARGIN_TOP = 68;
const MARGIN_BOTTOM = 64;

export interface Cell {
  text: string;
  font?: Font;
  size?: number;
  color?: string;
  strike?: boolean;
  align?: 'left' | 'right' | 'center';
}
export type CellInput = string | Cell;

export interface Column {
  header: string;
  /** A share of the table's width (the shares are added up). */
  width: number;
  align?: 'left' | 'right' | 'center';
  font?: Font;
  size?: number;
}

export interface TableOptions {
  size?: number;
  header?: boolean;
  zebra?: boolean;
  /** Printed above the header when the table goes on to a new page. */
  continued?: string;
}

export interface LayoutOptions {
  fontDir?: string | undefined;
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  createdAt: Date;
}

export class Layout {
  readonly doc: PDFKit.PDFDocument;
  readonly left = MARGIN_X;
  readonly width = PAGE_W - 2 * MARGIN_X;
  readonly right = PAGE_W - MARGIN_X;
  readonly top = MARGIN_TOP;
  readonly pageHeight = PAGE_H;
  readonly pageWidth = PAGE_W;
  private readonly chunks: Uint8Array[] = [];
  private readonly ended: Promise<void>;
  private y = MARGIN_TOP;

  constructor(o: LayoutOptions) {
    const dir = o.fontDir ?? defaultFontDir();
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      autoFirstPage: false,
      font: path.join(dir, FONT_FILES.body),
      lang: o.lang,
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: o.title,
        Author: o.author,
        Subject: o.subject,
        Keywords: o.keywords,
        Creator: 'Dossier',
        Producer: 'Dossier (pdfkit)',
        CreationDate: o.createdAt,
        ModDate: o.createdAt,
      },
    });
    for (const [name, file] of Object.entries(FONT_FILES)) this.doc.registerFont(name, path.join(dir, file));
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
  }

  /** The bottom of the writable area. */
  get bottom(): number {
    return PAGE_H - MARGIN_BOTTOM;
  }

  get cursor(): number {
    return this.y;
  }

  set cursor(y: number) {
    this.y = y;
  }

  use(font: Font, size: number, color: string = COLORS.text): this {
    this.doc.font(font).fontSize(size).fillColor(color);
    return this;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN_TOP;
  }

  /** The 0-based number of the page being written. */
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** Starts a new page unless `height` points are left on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  heightOf(text: string, font: Font, size: number, width: number, lineGap = 1): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(text || ' ', { width, lineGap });
  }

  /** A heading, kept with at least `keep` points of what follows it. Returns its page (0-based). */
  heading(level: 1 | 2 | 3, text: string, o: { keep?: number; dest?: string } = {}): number {
    const size = level === 1 ? 15 : level === 2 ? 11 : 9.5;
    const font: Font = 'bold';
    const before = level === 1 ? 0 : level === 2 ? 10 : 7;
    const h = this.heightOf(text, font, size, this.width);
    if (this.y > MARGIN_TOP) this.y += before;
    this.ensure(h + (o.keep ?? 56));
    if (o.dest) this.doc.addNamedDestination(o.dest, 'XYZ', 0, this.y - 6, null);
    this.use(font, size, COLORS.accent);
    this.doc.text(text, this.left, this.y, { width: this.width, lineGap: 1 });
    this.y += h + (level === 1 ? 4 : 3);
    if (level === 1) {
      this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
      this.y += 10;
    } else {
      this.y += 2;
    }
    return this.pageIndex;
  }

  /** Running text; pdfkit carries it on to the next pages. */
  para(text: string, o: { font?: Font; size?: number; color?: string; indent?: number; after?: number } = {}): void {
    const font = o.font ?? 'body';
    const size = o.size ?? 8.5;
    const indent = o.indent ?? 0;
    this.ensure(this.heightOf('X', font, size, this.width) + 2);
    this.use(font, size, o.color ?? COLORS.text);
    this.doc.text(text, this.left + indent, this.y, { width: this.width - indent, lineGap: 2 });
    this.y = this.doc.y + (o.after ?? 6);
  }

  private keyValueTable(rows: readonly (readonly [string, CellInput])[], o: { labelShare?: number; size?: number }) {
    const share = o.labelShare ?? 0.3;
    const size = o.size ?? 8.5;
    const columns: Column[] = [
      { header: '', width: share, font: 'cond', size: size - 0.5 },
      { header: '', width: 1 - share },
    ];
    const cells = rows.map(([label, value]): CellInput[] => [{ text: label, color: COLORS.muted }, value]);
    return { columns, cells, options: { header: false, zebra: false, size } satisfies TableOptions };
  }

  /** Label and value rows, kept on one page when they fit on one. */
  keyValues(rows: readonly (readonly [string, CellInput])[], o: { labelShare?: number; size?: number } = {}): void {
    const { columns, cells, options } = this.keyValueTable(rows, o);
    const height = this.tableHeight(columns, cells, options);
    if (height <= this.usableHeight) this.ensure(height);
    this.table(columns, cells, options);
  }

  keyValuesHeight(rows: readonly (readonly [string, CellInput])[], o: { labelShare?: number; size?: number } = {}): number {
    const { columns, cells, options } = this.keyValueTable(rows, o);
    return Math.min(this.tableHeight(columns, cells, options), this.usableHeight / 2);
  }

  /** The height of a page's writable area. */
  get usableHeight(): number {
    return this.bottom - MARGIN_TOP;
  }

  private layoutTable(columns: readonly Column[], rows: readonly (readonly CellInput[])[], o: TableOptions) {
    const size = o.size ?? 8;
    const padX = 4;
    const padY = 3;
    const totalShare = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / totalShare) * this.width);
    const showHeader = o.header !== false;
    const cellOf = (input: CellInput, col: Column): Required<Omit<Cell, 'strike'>> & { strike: boolean } => {
      const c = typeof input === 'string' ? { text: input } : input;
      return {
        text: c.text,
        font: c.font ?? col.font ?? 'cond',
        size: c.size ?? col.size ?? size,
        color: c.color ?? COLORS.text,
        strike: c.strike ?? false,
        align: c.align ?? col.align ?? 'left',
      };
    };
    const headerHeight = showHeader
      ? Math.max(...columns.map((c, i) => this.heightOf(c.header, 'condBold', size - 0.5, (widths[i] ?? 0) - 2 * padX))) +
        2 * padY
      : 0;
    const maxRow = this.bottom - MARGIN_TOP - headerHeight - 16;
    const heights = rows.map((row) => {
      const h = Math.max(
        ...row.map((input, i) => {
          const col = columns[i];
          if (!col) return 0;
          const c = cellOf(input, col);
          return this.heightOf(c.text, c.font, c.size, (widths[i] ?? 0) - 2 * padX);
        }),
      );
      return Math.min(h + 2 * padY, maxRow);
    });
    return { size, padX, padY, widths, showHeader, cellOf, headerHeight, maxRow, heights };
  }

  /** How high the table would be (on one page). */
  tableHeight(columns: readonly Column[], rows: readonly (readonly CellInput[])[], o: TableOptions = {}): number {
    const t = this.layoutTable(columns, rows, o);
    return t.headerHeight + t.heights.reduce((s, h) => s + h, 0) + 8;
  }

  table(columns: readonly Column[], rows: readonly (readonly CellInput[])[], o: TableOptions = {}): void {
    const { size, padX, padY, widths, showHeader, cellOf, headerHeight, maxRow, heights } = this.layoutTable(columns, rows, o);
    const drawHeader = (continued: boolean) => {
      if (continued && o.continued) {
        this.use('italic', 7, COLORS.muted);
        this.doc.text(o.continued, this.left, this.y, { width: this.width, lineBreak: false });
        this.y += 11;
      }
      if (!showHeader) return;
      this.doc.rect(this.left, this.y, this.width, headerHeight).fill(COLORS.fill);
      let x = this.left;
      columns.forEach((c, i) => {
        const w = widths[i] ?? 0;
        this.use('condBold', size - 0.5, COLORS.accent);
        this.doc.text(c.header, x + padX, this.y + padY, { width: w - 2 * padX, align: c.align ?? 'left', lineGap: 1 });
        x += w;
      });
      this.y += headerHeight;
      this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.6).strokeColor(COLORS.rule).stroke();
    };
    this.ensure(headerHeight + (heights[0] ?? 0));
    drawHeader(false);
    rows.forEach((row, r) => {
      const h = heights[r] ?? 0;
      if (this.y + h > this.bottom) {
        this.newPage();
        drawHeader(true);
      }
      if (o.zebra !== false && r % 2 === 1) this.doc.rect(this.left, this.y, this.width, h).fill(COLORS.zebra);
      let x = this.left;
      row.forEach((input, i) => {
        const col = columns[i];
        const w = widths[i] ?? 0;
        if (!col) return;
        const c = cellOf(input, col);
        this.use(c.font, c.size, c.color);
        this.doc.text(c.text, x + padX, this.y + padY, {
          width: w - 2 * padX,
          align: c.align,
          lineGap: 1,
          strike: c.strike,
          // Only a row taller than a page is cut (with an ellipsis): every other row fits whole.
          ...(h >= maxRow ? { height: h - 2 * padY, ellipsis: true } : {}),
        });
        x += w;
      });
      this.y += h;
      this.doc.moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(0.4).strokeColor(COLORS.hairline).stroke();
    });
    this.y += 8;
  }

  /** A drawn figure as wide as the text and `height` high, in a frame, with its caption. */
  drawing(height: number, draw: (box: { x: number; y: number; width: number; height: number }) => void, caption: string): void {
    this.ensure(height + 24);
    const box = { x: this.left, y: this.y, width: this.width, height };
    draw(box);
    this.doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
    this.y += height + 5;
    this.use('italic', 7.5, COLORS.muted);
    this.doc.text(caption, this.left, this.y, { width: this.width, align: 'center' });
    this.y = this.doc.y + 10;
  }

  /** A line of text at a fixed place that never wraps nor starts a page (headers, footers, leaders). */
  fixed(
    text: string,
    x: number,
    y: number,
    font: Font,
    size: number,
    color: string,
    align: 'left' | 'center' | 'right' = 'left',
  ): number {
    this.use(font, size, color);
    const w = this.doc.widthOfString(text);
    const at = align === 'left' ? x : align === 'center' ? x - w / 2 : x - w;
    this.doc.text(text, at, y, { lineBreak: false });
    return w;
  }

  /** Draws on every page (headers and footers), then ends the document. */
  async finish(decorate: (pageNumber: number, pageCount: number) => void): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      // Writing in the margins must not start a page.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      decorate(i - range.start + 1, range.count);
      this.doc.page.margins = margins;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}
