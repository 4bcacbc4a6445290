/**
 * # `kyc-uploader/testing`: the kit for a host's own tests
 *
 * `startKycTestServer()` runs the provider sandbox and the proxy in the test's process, wired as
 * a host's backend is (webhooks pushing each review to the widget), and `review()` decides a
 * document now; `testFiles` / `testFile()` are a real PDF, camera photo and screenshot that pass
 * the widget's checks. Node only: for vitest (jsdom) and Playwright tests, never a page.
 *
 * ```ts
 * const kyc = await startKycTestServer()
 * const customer = kyc.createCustomer('company')
 * // …render your page, pick testFile('pdf') for the ccmei card…
 * await kyc.review(customer.id, 'ccmei', 'approved')
 * ```
 *
 * (This folder's `openapi.ts` and `contract-document.ts` are the repository's own contract-test
 * helpers, not part of the published kit.)
 */
export { startKycTestServer, type KycTestServer, type KycTestServerOptions } from './test-server.ts'
export { testFile, testFiles, type TestFileKind, type TestFilePayload } from './files.ts'
export { FetchEventSource } from './event-source.ts'
export type { ReviewOutcome, ScenarioId } from '../sandbox/index.ts'
export type { SandboxControl } from '../sandbox/index.ts'
