// One way to start the test browser: headless Chromium from the system,
// driven by playwright-core. Pages record console errors and failed requests
// so a test can assert the UI ran clean.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS } from './processes.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions, including CSP violations. */
  errors: string[];
}

/** A new page in its own context (own cookies and storage), watched for errors. */
export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in on the page's token form (the fallback for API tokens). */
export async function signInWithToken(page: Page, baseUrl: string, token: string, hash = '#/board'): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.click('#token-fallback summary');
  await page.fill('#token', token);
  await page.click('#token-sign-in button[type=submit]');
}

/** Signs in with email and password on the sign-in page. */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, password: string, hash = '#/board'): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#sign-in button[type=submit]');
}

/**
 * Fails when the page logged an error or shows a value the UI failed to
 * render: a literal null, undefined or NaN in its visible text means a field
 * reached the page without being formatted.
 */
export async function expectCleanPage(watched: WatchedPage, where: string): Promise<void> {
  const text = await watched.page.evaluate(() => document.body.innerText);
  const broken = text.match(/\b(null|undefined|NaN)\b/g);
  if (watched.errors.length > 0) throw new Error(`${where}: console errors: ${watched.errors.join(' | ')}`);
  if (broken) throw new Error(`${where}: the page shows ${[...new Set(broken)].join(', ')}: ${text.slice(0, 2000)}`);
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number }

/**
 * Runs axe-core (from node_modules, injected as a script so the page's CSP
 * does not apply) on the current page; returns its serious and critical
 * violations.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
