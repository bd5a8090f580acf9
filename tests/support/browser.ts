// One way to start the test browser: headless Chromium from the system,
// driven by playwright-core. Pages record console errors and failed requests
// so a test can assert the UI ran clean.
import { mkdirSync } from 'node:fs';
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
