import { defineConfig } from '@playwright/test';

// REPERE_E2E_PORT lets several checkouts run their suites side by side on one machine.
const port = Number(process.env.REPERE_E2E_PORT || 4173);
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/formations/outils/repere/`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    // REPERE_DIST: test another build folder than dist/ (the PWA and lazy-loading specs read it too).
    command: `node scripts/server.mjs ${port} ${process.env.REPERE_DIST || 'dist'}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
  },
});
