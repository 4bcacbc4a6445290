// Type-level tests, run by `tsc`: every problem code of the contract (openapi/kyc-api.yaml) has a
// message of its own, in every locale, and the strings' keys stay overridable one by one.
import type { components } from '../api/generated/schema.ts'
import type { ApiErrorCode } from '../api/errors.ts'
import type { KycStringOverrides, KycStrings, MessageCode } from './types.ts'

type Expect<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false

export type MessageTypeTests = [
  Expect<Extends<components['schemas']['ProblemCode'], ApiErrorCode>>,
  Expect<Extends<`error.${MessageCode}`, keyof KycStrings>>,
  Expect<Extends<{ 'label.rg_digital': string }, KycStringOverrides>>,
  Expect<Extends<{ 'status.pending': string }, KycStringOverrides>>,
]

// @ts-expect-error: a misspelt key is refused, not silently ignored.
export const misspelt: KycStringOverrides = { 'status.pendng': 'x' }
