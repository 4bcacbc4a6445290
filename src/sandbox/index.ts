/**
 * # The provider sandbox
 *
 * The KYC provider as we understand it (`openapi/kyc-api.yaml`), as a Web-standard
 * `Request -> Response` handler with state in memory. It runs alone (`npm run sandbox`, HTTP on
 * `PORT`, default 4010, base path `/v3`), inside the demo's dev server, and in tests on an
 * ephemeral port (`startSandboxServer({ port: 0 })`).
 *
 * ## Provider API
 *
 * - `POST /v3/auth/token`: HTTP Basic client credentials (default `sandbox` / `sandbox-secret`)
 *   and the form body `grant_type=client_credentials` give `{access_token, token_type, expires_in}`.
 *   Every other call needs `Authorization: Bearer <token>`: 401 `invalid_token` or `token_expired`.
 * - `GET /v3/customers` → `{data: Customer[]}`; `GET /v3/customers/{id}` (404 `customer_not_found`).
 * - `POST /v3/customers/{id}/documents`: multipart with exactly `type` and `file`, parsed as a
 *   stream (an oversized file is refused as soon as it passes `maxFileSize`, unread bytes and all);
 *   201 with the document, or the contract's problems: 400 `invalid_content_type`,
 *   `malformed_body` (also a missing `type` or a third field, named in `param`), `missing_file`;
 *   404 `customer_not_found`; 422 `invalid_document_type`, `unsupported_file_type` (judged by
 *   the bytes), `file_empty`, `file_too_large`, `document_locked`. `Idempotency-Key`
 *   replays the first successful answer (`Idempotent-Replayed: true`) for 24 h; another request
 *   (customer, type, file bytes or file name differ) under the same key is 422
 *   `idempotency_key_reused`. Keys are scoped per client; failures are not remembered, so a retry
 *   after a 5xx, a 429 or a dropped connection runs again.
 * - Review: `reviewDelayMs` after an upload the document is approved, or rejected with a reviewer
 *   message when its file name contains `reject` (or a review was forced). A customer is
 *   `pending_kyc` while an item is pending or rejected, `active` once all are approved, else
 *   `under_review`. Each change POSTs a `customer.kyc_updated` webhook (Standard Webhooks v1) when
 *   `webhook` is set.
 * - Every answer carries `X-RateLimit-Limit/Remaining/Reset`; past the limit (per client, default
 *   600 a minute) 429 `rate_limit_exceeded` with `Retry-After`.
 *
 * ## Control endpoints (Bearer token required, not rate-limited, JSON bodies)
 *
 * | call | does |
 * | --- | --- |
 * | `POST /v3/sandbox/customers {scenario}` | 201, a fresh copy of a scenario's customer (new id) |
 * | `POST /v3/sandbox/reviews {customer_id, outcome, message?}` | 202, forces that customer's next review (`approved`/`rejected`) |
 * | `POST /v3/sandbox/reviews {customer_id, type, outcome, message?}` | 200 with the customer: that document's review decided now (409 `document_not_in_review`) |
 * | `POST /v3/sandbox/faults {route, kind, delay_ms?, times?}` | 201, queues a fault; `GET` lists them, `DELETE` clears |
 * | `GET /v3/sandbox/documents?customer_id=` | `{data: StoredDocument[]}`: what uploads stored, with size and SHA-256 |
 * | `POST /v3/sandbox/reset {customer_id?}` | 204, everything (or one customer) back to the seed |
 * | `GET`/`PATCH /v3/sandbox/settings {review_delay_ms}` | the review delay, size and rate limits |
 * | `POST /v3/sandbox/tokens/expire` | 204, every token issued so far now answers `token_expired` |
 *
 * Fault `route`: `upload`, `customer` (GET customer or list) or `any` provider call. `kind`: `500`,
 * `429` (`Retry-After` from `delay_ms`, default 1 s), `html502` (a gateway's HTML page), `slow`
 * (takes `delay_ms`, default 2 s, to answer; an upload is read first, then waits, and is not
 * stored if the client leaves during the wait), `stall` (reads the body, never answers until the
 * client gives up), `drop` (reads half the body, then destroys the socket; in-process the `fetch`
 * promise rejects with a `TypeError` like a network failure). Nothing is ever stored for a failed,
 * stalled or dropped upload.
 *
 * ## Settings
 *
 * `createSandbox(options)` / `startSandboxServer(options)` take `SandboxOptions`;
 * `sandboxOptionsFromEnv(process.env)` reads the same from `SANDBOX_CLIENT_ID`,
 * `SANDBOX_CLIENT_SECRET`, `SANDBOX_REVIEW_DELAY_MS`, `SANDBOX_MAX_FILE_SIZE` (bytes),
 * `SANDBOX_RATE_LIMIT` (requests a minute), `SANDBOX_WEBHOOK_URL` + `SANDBOX_WEBHOOK_SECRET`.
 * Mounted in Node through `@hono/node-server`, call `sandbox.fetch(request, env)` with the
 * listener's bindings so that a `drop` fault can cut the real socket.
 *
 * ```sh
 * TOKEN=$(curl -s -u sandbox:sandbox-secret -d grant_type=client_credentials \
 *   http://localhost:4010/v3/auth/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
 * curl -s -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
 *   -d '{"route":"upload","kind":"500"}' http://localhost:4010/v3/sandbox/faults
 * ```
 */
import type { SandboxRateLimitOptions } from './options.ts'

export { createSandbox, type Sandbox } from './sandbox.ts'
export { startSandboxServer, type SandboxServer, type SandboxServerOptions } from './node-server.ts'
export {
  sandboxOptionsFromEnv,
  type SandboxOptions,
  type SandboxRateLimitOptions,
  type WebhookOptions,
} from './options.ts'
/** @deprecated Renamed `SandboxRateLimitOptions` (the proxy's own is `ProxyRateLimitOptions`). */
export type RateLimitOptions = SandboxRateLimitOptions
export type { SandboxControl, SandboxSettings } from './control.ts'
export type { SandboxBindings } from './middleware.ts'
export {
  FAULT_KINDS,
  FAULT_ROUTES,
  type FaultKind,
  type FaultRoute,
  type FaultSpec,
} from './faults.ts'
export {
  SCENARIOS,
  SCENARIO_LABELS,
  isScenarioId,
  rejectionMessageFor,
  seedCustomer,
  type ScenarioId,
} from './scenarios.ts'
export { customerStatusOf, type ReviewOutcome, type StoredDocument } from './store.ts'
export { signWebhook, kycUpdatedEvent } from './webhook.ts'
export { IDEMPOTENCY_TTL_MS } from './idempotency.ts'
export {
  MultipartError,
  MultipartParser,
  boundaryFrom,
  readMultipart,
  type PartInfo,
  type PartSink,
} from '../core/multipart.ts'
