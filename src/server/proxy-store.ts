// Where the proxy's shared state lives: the host's store (a promise while Redis connects) or
// this process's memory, behind the status cache every route reads through.
import {
  DEFAULT_DEGRADED_STATUS_MAX_AGE_MS,
  DEFAULT_PROXY_TIMEOUT_MS,
  DEFAULT_STATUS_MAX_AGE_MS,
  type KycProxyOptions,
  positive,
} from './options.ts'
import { StatusCache } from './status/status-cache.ts'
import { lazyStore } from './store/lazy-store.ts'
import { createMemoryStore } from './store/memory-store.ts'

export function statusCacheFrom(options: KycProxyOptions): StatusCache {
  const maxAge =
    options.statusMaxAgeMs ??
    (options.webhookSecret === undefined
      ? DEFAULT_STATUS_MAX_AGE_MS.withoutWebhooks
      : DEFAULT_STATUS_MAX_AGE_MS.withWebhooks)
  if (!(maxAge >= 0) || !Number.isFinite(maxAge)) {
    throw new TypeError('createKycProxy: statusMaxAgeMs must be a number ≥ 0')
  }
  return new StatusCache({
    store: lazyStore(options.store ?? createMemoryStore()),
    maxAgeMs: maxAge,
    degradedMaxAgeMs: positive(
      options.degradedStatusMaxAgeMs,
      DEFAULT_DEGRADED_STATUS_MAX_AGE_MS,
      'degradedStatusMaxAgeMs',
    ),
    waitMs: options.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS,
  })
}
