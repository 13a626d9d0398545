// Debian's Chromium for the scripts that drive it outside Playwright's test runner (the size
// guard's first visit, the benchmark): the same flags as the browser tests' (playwright.config.mjs).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
