// HTML → PDF through headless Chromium's print (page.pdf()), so the PDF
// is exactly the printable HTML. Only where Chromium is installed.
import { existsSync } from 'node:fs';
import { CollectorError } from '../errors.js';

export const CHROMIUM_PATH = process.env.TANDEM_CHROMIUM ?? '/usr/bin/chromium';

export function pdfAvailable(path = CHROMIUM_PATH): boolean {
  return existsSync(path);
}

/** One Chromium at a time, a few waiting: PDF requests never crowd out the collector's real work. */
const MAX_WAITING = 4;
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

export async function printPdf(html: string, options: { executablePath?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  if (waiting >= MAX_WAITING) {
    throw new CollectorError('COL_ERR_UNAVAILABLE', `${waiting} PDFs are already being printed; try again shortly (HTML and CSV are not limited)`, { statusCode: 503 });
  }
  waiting++;
  const run = queue.then(() => printOne(html, options));
  queue = run.catch(() => undefined).finally(() => { waiting--; });
  return run;
}

async function printOne(html: string, options: { executablePath?: string; timeoutMs?: number }): Promise<Buffer> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!pdfAvailable(executablePath)) {
    throw new CollectorError('COL_ERR_UNAVAILABLE', `PDF export needs Chromium at ${executablePath} (install the chromium package or set TANDEM_CHROMIUM); HTML and CSV work without it`, { statusCode: 503 });
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'], timeout: options.timeoutMs ?? 60_000 });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The document is self-contained; anything it tried to fetch would be a bug, so nothing leaves the process.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 60_000 });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
