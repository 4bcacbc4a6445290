// Type-level tests, run by `tsc` (part of `npm test`): the tolerant views in `types.ts` must accept
// everything the contract can send, name exactly the contract's fields, and know exactly its
// enumerated values. A change to openapi/kyc-api.yaml that breaks one of these fails the typecheck.
import type { components } from './generated/schema.ts'
import type { DocumentStatus } from '../core/status.ts'
import type { Customer, KycDocument, KycItem } from './types.ts'

type Schemas = components['schemas']

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Expect<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false

/** The literal members of an open string union (`'a' | 'b' | (string & {})` gives `'a' | 'b'`). */
type KnownValues<T> = T extends string ? (string extends T ? never : T) : never

export type ContractTypeTests = [
  // What the provider and the proxy send is accepted as is.
  Expect<Extends<Schemas['Customer'], Customer>>,
  Expect<Extends<Schemas['PublicCustomer'], Customer>>,
  Expect<Extends<Schemas['KycItem'], KycItem>>,
  Expect<Extends<Schemas['KycUpdatedEvent']['data']['kyc'][number], KycItem>>,

  // No field added, renamed or dropped on either side.
  Expect<Equal<keyof Customer, keyof Schemas['Customer']>>,
  Expect<Equal<keyof KycItem, keyof Schemas['KycItem']>>,
  Expect<Equal<keyof Schemas['PublicCustomer'], 'id' | 'status' | 'kyc'>>,

  // The known values are the contract's, no more and no fewer.
  Expect<Equal<KnownValues<KycItem['kind']>, Schemas['KycItem']['kind']>>,
  Expect<Equal<KnownValues<KycItem['status']>, Schemas['KycItemStatus']>>,
  Expect<Equal<KnownValues<Customer['status']>, Schemas['CustomerStatus']>>,
  Expect<Equal<DocumentStatus, Schemas['KycItemStatus']>>,
  Expect<Equal<KycDocument['status'], Exclude<DocumentStatus, 'pending'>>>,
]
