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
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? 5198)
const baseURL = `http://localhost:${PORT}`
const serverEnv = { SANDBOX_REVIEW_DELAY_MS: '1500', KYC_PROXY_LOG: '0' }

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
      // The soak (e2e/soak.spec.ts): hundreds of uploads with random faults. Faults are scoped to
      // each visitor's customer, so it overlaps the others; listed first so that it starts first
      // and the short tests fill the other worker around it. `npm run soak` runs it alone
      // (SOAK_UPLOADS, SOAK_SEED).
      name: 'soak',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
      testMatch: /soak\.spec\.ts/,
    },
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
      // Faults (e2e/faults.spec.ts) on the desktop: each injected fault is scoped to the test's own
      // customer by the demo API, so they run alongside everything else.
      name: 'faults',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } },
      testMatch: /faults\.spec\.ts/,
    },
  ],
  webServer: [
    {
      // The production build: the demo's strict CSP (no inline script or style) holds exactly.
      command: 'node scripts/dev.mjs --prod',
      url: `${baseURL}/demo-api/health`,
      env: { ...serverEnv, PORT: String(PORT) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // `npm run dev` itself, for one smoke test (e2e/csp.spec.ts).
      command: 'node scripts/dev.mjs',
      url: `http://localhost:${DEV_PORT}/demo-api/health`,
      env: { ...serverEnv, PORT: String(DEV_PORT) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
})
