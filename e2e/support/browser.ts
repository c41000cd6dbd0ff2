import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing phoning home (see PREAMBLE / pay-page test). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DESKTOP = { width: 1280, height: 800 };

export interface Browser {
  /** A fresh browser profile (own cookies): one per signed-in user. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Launches Chromium; each `newContext()` is an isolated persistent profile in a temp folder, removed on close. */
export function launchBrowser(viewport = DESKTOP): Browser {
  const open: Array<{ context: BrowserContext; dir: string }> = [];
  return {
    async newContext() {
      const dir = mkdtempSync(join(tmpdir(), 'courtesy-chromium-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport,
      });
      // Room for a loaded machine (real services, workflow queries), not a speed bound.
      context.setDefaultTimeout(90_000);
      open.push({ context, dir });
      return context;
    },
    async close() {
      for (const { context, dir } of open.splice(0)) {
        await context.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Screenshot of the page as it is now: to docs/console/<name>.png when UPDATE_SCREENSHOTS=1 (the committed
 * images), else to .data/screenshots/console/ so a plain test run leaves the work tree clean.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS ? join(__dirname, '../../docs/console') : join(__dirname, '../../.data/screenshots/console');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}

/** Signs in through the console's own form and waits for the signed-in shell. */
export async function signIn(page: Page, baseUrl: string, user: { email: string; password: string }, path = '/console/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('whoami').waitFor();
}
