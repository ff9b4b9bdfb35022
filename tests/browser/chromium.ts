import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Test } from 'tap';

/** Debian's Chromium: `.ci/run` installs it (with a CJK font) when it is missing. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/**
 * True when Chromium is there. Otherwise the test fails when REQUIRE_SERVICES is set (CI), and is
 * skipped with the reason on a developer machine without it.
 */
export function chromiumAvailable(t: Test): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const reason = `${CHROMIUM_PATH} is missing (apt-get install chromium fonts-wqy-zenhei), so no browser can open the page`;
  if (process.env.REQUIRE_SERVICES) t.fail(`${reason}, and REQUIRE_SERVICES forbids skipping`);
  else t.skip(reason, () => {});
  return false;
}

/** A headless Chromium, closed at teardown. */
export async function launchChromium(t: Test): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  return browser;
}
