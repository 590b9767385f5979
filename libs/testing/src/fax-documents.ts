import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/** Small fax documents made on the fly for tests and the benchmark corpus (nothing committed). */

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A PDF with a text layer: one page per entry of `pages`, each a list of lines. */
export function textPdf(pages: string[][], options: { fontSize?: number; font?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { CreationDate: new Date(0) } });
  pages.forEach((lines, i) => {
    if (i > 0) doc.addPage();
    doc.font(options.font ?? 'Helvetica').fontSize(options.fontSize ?? 12);
    for (const line of lines) doc.text(line);
  });
  return collect(doc);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One page of lines drawn as a grey-scale image, like a fax machine's scan (optionally tilted and speckled). */
export async function scannedPage(lines: string[], options: { rotateDegrees?: number; noise?: boolean; width?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 1275;
  const height = Math.round(width * 1.29);
  const size = Math.round(width / 44);
  const text = lines.map((line, i) => `<text x="${Math.round(width * 0.07)}" y="${Math.round(width * 0.1) + i * size * 1.6}" font-size="${size}" font-family="DejaVu Sans, sans-serif">${escapeXml(line)}</text>`).join('');
  const specks = options.noise
    ? Array.from({ length: 400 }, (_v, i) => `<rect x="${(i * 7919) % width}" y="${(i * 104729) % height}" width="2" height="2" fill="#555"/>`).join('')
    : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${specks}${text}</svg>`;
  let image = sharp(Buffer.from(svg));
  if (options.rotateDegrees) image = image.rotate(options.rotateDegrees, { background: '#ffffff' });
  return image.greyscale().png().toBuffer();
}

/** An image-only PDF (no text layer): each page a scanned image. */
export async function scannedPdf(pages: string[][], options: { rotateDegrees?: number; noise?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 0, autoFirstPage: false, info: { CreationDate: new Date(0) } });
  for (const lines of pages) {
    const png = await scannedPage(lines, options);
    doc.addPage({ size: 'LETTER', margin: 0 });
    doc.image(png, 0, 0, { fit: [612, 792] });
  }
  return collect(doc);
}

/** A TIFF of one or more scanned pages. */
export async function scannedTiff(pages: string[][], options: { rotateDegrees?: number; noise?: boolean } = {}): Promise<Buffer> {
  const images = await Promise.all(pages.map((lines) => scannedPage(lines, options)));
  if (images.length === 1) return sharp(images[0]).tiff({ compression: 'lzw' }).toBuffer();
  const frames = await Promise.all(images.map((png) => sharp(png).resize(1275, 1645, { fit: 'contain', background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true })));
  const { info } = frames[0];
  return sharp(Buffer.concat(frames.map((f) => f.data)), { raw: { width: info.width, height: info.height * frames.length, channels: info.channels, pageHeight: info.height } as never })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}
