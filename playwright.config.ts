import { existsSync, readFileSync } from 'node:fs'
import { chromium, defineConfig, devices } from '@playwright/test'

/** Chromium as the machine brief says: an explicit path, Playwright's own build, or Debian's. */
function chromiumExecutable(): string {
  const fromEnv = process.env.KYC_CHROMIUM || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE
  if (fromEnv) return fromEnv
  const bundled = chromium.executablePath()
  return existsSync(bundled) ? bundled : '/usr/bin/chromium'
}

/** The flags the machine brief asks for, shared with e2e/fixtures/generate.mjs. */
const chromiumFlags = JSON.parse(
  readFileSync(new URL('./e2e/support/chromium-flags.json', import.meta.url), 'utf8'),
) as string[]

const PORT = Number(process.env.E2E_PORT ?? 5199)
const baseURL = `http://localhost:${PORT}`

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  reporter: 'list',
  // Two cores: one browser per core; the dev server shares them.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: chromiumFlags,
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
      testIgnore: /(faults|soak)\.spec\.ts/,
    },
    {
      // The phone runs the specs tagged @phone (the journey, keyboard-free checks, axe, layout).
      name: 'phone',
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
      grep: /@phone/,
      testIgnore: /(faults|soak)\.spec\.ts/,
    },
    {
      // Faults are injected into the one shared sandbox, so they run alone, after the others.
      name: 'faults',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
      testMatch: /faults\.spec\.ts/,
      dependencies: ['desktop', 'phone'],
      fullyParallel: false,
    },
    {
      // The soak (e2e/soak.spec.ts): hundreds of uploads with faults in the same shared sandbox,
      // so it runs last, alone. `npm run soak` runs it without the others (SOAK_UPLOADS, SOAK_SEED).
      name: 'soak',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
      testMatch: /soak\.spec\.ts/,
      dependencies: ['faults'],
    },
  ],
  webServer: {
    // The production build: the demo's strict CSP (no inline script or style) holds exactly.
    command: 'node scripts/dev.mjs --prod',
    url: `${baseURL}/demo-api/health`,
    env: {
      PORT: String(PORT),
      SANDBOX_REVIEW_DELAY_MS: '1500',
      KYC_PROXY_LOG: '0',
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
