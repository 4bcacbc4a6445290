import { KycApiError } from '../errors.ts'

/** The `KycApiError` a call rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<KycApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(KycApiError)
  return error as KycApiError
}
