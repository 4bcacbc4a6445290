import type { ValidationCode } from '../core/validate.ts'
import type { ApiErrorCode, ClientErrorCode } from '../api/errors.ts'

/**
 * Every code with a message of its own (`error.<code>` in the strings): the values of the
 * constants `ValidationCode`, `ApiErrorCode` and `ClientErrorCode`.
 */
export type MessageCode = ValidationCode | ApiErrorCode | ClientErrorCode

/**
 * Every text the widget shows. Keys are flat so a host overrides them one by one
 * (`strings={{ 'status.rejected': 'Recusado' }}`). `{name}`-style placeholders are filled in.
 */
export interface KycStrings {
  /** Root, while the customer loads. */
  'state.loading': string
  /** Root, when the customer owes no document. */
  'state.empty': string
  /** Root, when the customer does not exist (404). */
  'state.notFound': string
  /** Root, when the customer could not be loaded; `{message}` is the translated error. */
  'state.error': string
  /** Button under a load error, to try again. */
  'state.retry': string
  /** Root, when every document is approved. */
  'state.complete': string

  /** Accessible name of the list of documents. */
  'list.label': string

  /** Badge of a document with nothing uploaded yet. */
  'status.pending': string
  /** Badge of a document in review. */
  'status.submitted': string
  /** Badge of an approved document. */
  'status.approved': string
  /** Badge of a rejected document. */
  'status.rejected': string

  /** Dropzone text of a pending document. */
  'dropzone.prompt': string
  /** Dropzone text of a rejected document: the re-upload action. */
  'dropzone.sendAgain': string
  /** Dropzone text while a file is dragged over it. */
  'dropzone.active': string
  /** Hint under the dropzone text; `{max}` is the size limit. */
  'dropzone.hint': string
  /** Hint of a document that takes photos only (the selfie); `{max}` is the size limit. */
  'dropzone.hintPhoto': string
  /** Dropzone text of a pending document on a touch screen (no dragging there). */
  'dropzone.promptTouch': string
  /** Dropzone text of a rejected document on a touch screen. */
  'dropzone.sendAgainTouch': string
  /** Touch screens: the button that opens the camera. */
  'action.takePhoto': string
  /** Touch screens: the button that opens the camera for the selfie (front camera). */
  'action.takeSelfie': string
  /** Touch screens: the button that opens the gallery or the files. */
  'action.chooseFile': string

  /** Title above the reviewer's message of a rejected document. */
  'review.message': string
  /** When the latest file was sent; `{date}` is a localized date and time. */
  'review.uploadedAt': string

  /** Upload line while the file's first and last bytes are checked. */
  'upload.validating': string
  /** Upload line while waiting for one of the three upload slots. */
  'upload.queued': string
  /** Upload line while bytes are sent; `{name}` is the file name. */
  'upload.uploading': string
  /** Progress text: `{loaded}` of `{total}`, both localized sizes. */
  'upload.progress': string
  /** Upload line while waiting to retry after a transient failure. */
  'upload.retrying': string
  /** Upload line once every byte is sent, until the server answers. */
  'upload.processing': string
  /** Line left in the card after the user cancelled an upload. */
  'upload.cancelled': string
  /** Upload line while the browser is offline (the upload resumes by itself). */
  'upload.paused': string
  /** Upload line after a final failure; `{name}` is the file name. */
  'upload.failed': string
  /** Upload line after success; `{name}` is the file name. */
  'upload.done': string
  /** The file sent, once its document was rejected (not a success); `{name}` is the file name. */
  'upload.doneRejected': string
  /** Cancel button while uploading. */
  'upload.cancel': string
  /** Retry button after a final failure. */
  'upload.retry': string
  /** Accessible name of the progress bar; `{name}` is the file name. */
  'upload.progressLabel': string
  /** Alternative text of the chosen photo's thumbnail; `{name}` is the file name. */
  'preview.image': string
  /** A chosen PDF (its name is on the upload line): `{size}` and the page count `{pages}`. */
  'preview.pdf': string
  /** The same without a page count. */
  'preview.pdfNoPages': string
  /** Heading above a photo's quality warnings, while it waits for the user. */
  'quality.heading': string
  /** Quality warning: the photo looks blurry. */
  'quality.blurry': string
  /** Quality warning: the photo is too dark. */
  'quality.dark': string
  /** Quality warning: the photo is too bright, washed out. */
  'quality.bright': string
  /** Quality warning: a blown-out reflection over part of the document. */
  'quality.glare': string
  /** Quality warning: the photo is too small to read. */
  'quality.small': string
  /** Selfie quality warning: the face looks blurred or shaken. */
  'quality.face.blurry': string
  /** Selfie quality warning: the face is too dark. */
  'quality.face.dark': string
  /** Selfie quality warning: the selfie is washed out. */
  'quality.face.bright': string
  /** Selfie quality warning: a hard reflection on the face. */
  'quality.face.glare': string
  /** Selfie quality warning: too few pixels. */
  'quality.face.small': string
  /** Button that sends a photo despite its warnings. */
  'quality.sendAnyway': string
  /** Button that drops the photo and opens the chooser again. */
  'quality.chooseAnother': string
  /** Button (the first) that drops a photo just taken and opens the camera again. */
  'quality.takeAnother': string
  /** The same for the selfie. */
  'quality.takeAnotherSelfie': string

  /** Name of the viewfinder dialog; `{label}` is the document. */
  'viewfinder.title': string
  /** Viewfinder while the camera starts. */
  'viewfinder.starting': string
  /** Hint: frame the document in the outline. */
  'viewfinder.hint.aim': string
  /** Hint (selfie): frame the face in the oval. */
  'viewfinder.hint.face': string
  /** Hint: the frame is blurred. */
  'viewfinder.hint.blurry': string
  /** Hint: too dark. */
  'viewfinder.hint.dark': string
  /** Hint: too bright. */
  'viewfinder.hint.bright': string
  /** Hint: a reflection on the document. */
  'viewfinder.hint.glare': string
  /** Hint: too far or too small. */
  'viewfinder.hint.far': string
  /** Hint: the camera moves. */
  'viewfinder.hint.steady': string
  /** Hint: good and steady, about to take the photo. */
  'viewfinder.hint.good': string
  /** The shutter button. */
  'viewfinder.shutter': string
  /** Button: open the phone's camera app instead. */
  'viewfinder.cameraApp': string
  /** Button: choose a file instead. */
  'viewfinder.chooseFile': string
  /** Button that closes the viewfinder. */
  'viewfinder.close': string
  /** Toggle of the camera's light, where it has one. */
  'viewfinder.torch': string
  /** Card line when the camera cannot be used in the page. */
  'viewfinder.failed': string

  /** Line at the top of the list: `{done}` of `{total}` documents sent (in review or approved). */
  'summary.progress': string
  /** After it: `{labels}`, the documents still to send (pending or rejected), comma-separated. */
  'summary.missing': string

  /** Note on a `data` item, which is fixed elsewhere, not by upload. */
  'data.note': string
  /** Heading of the list of `data` items. */
  'data.heading': string
  /** Button that starts the hosted biometrics session. */
  'biometrics.start': string
  /** Note on biometrics when the host offers no way to start it here. */
  'biometrics.note': string

  /** The button that offers to continue on the phone. */
  'handoff.start': string
  /** Accessible name of the hand-off panel. */
  'handoff.title': string
  /** Hand-off panel while the proxy makes the link. */
  'handoff.issuing': string
  /** Hand-off panel: what to do with the QR code. */
  'handoff.waiting': string
  /** Alternative text of the QR code. */
  'handoff.qr': string
  /** Label of the text field holding the link. */
  'handoff.link': string
  /** Button that copies the link. */
  'handoff.copy': string
  /** Shown once the link was copied. */
  'handoff.copied': string
  /** How long the link still works; `{time}` is minutes:seconds. */
  'handoff.timeLeft': string
  /** Hand-off panel once a phone opened the link. */
  'handoff.used': string
  /** Hand-off panel when the link expired unused. */
  'handoff.expired': string
  /** Hand-off panel when the link could not be made; `{message}` is the translated error. */
  'handoff.failed': string
  /** Button that makes a new link (after expiry or failure). */
  'handoff.again': string
  /** Button that closes the hand-off panel. */
  'handoff.close': string
  /** Note when the proxy offers no hand-off (404). */
  'handoff.unavailable': string
  /** On the phone, once every document is sent. */
  'handoff.done': string
  /** Under the QR code: the digits to type on the phone; `{code}`. */
  'handoff.code': string
  /** Button that ends the phone's session once it opened the link. */
  'handoff.end': string
  /** Under the QR code when the link names this machine (a developer's setup); `{host}`. */
  'handoff.loopback': string

  /** Live region: a document changed status; `{label}` and `{status}`. */
  'announce.status': string
  /** Live region: a file was sent; `{label}`, `{name}`. */
  'announce.uploaded': string
  /** Live region: an upload or a check failed; `{label}`, `{message}`. */
  'announce.error': string
  /** Live region: an upload was cancelled; `{label}`. */
  'announce.cancelled': string
  /** Live region: a photo's checks found problems; `{label}`, `{message}`. */
  'announce.quality': string

  /** Label of a `ccmei` item. */
  'label.ccmei': string
  /** Label of a `cnh` item. */
  'label.cnh': string
  /** Label of a `selfie` item. */
  'label.selfie': string
  /** Label of an `identity_card_front` item. */
  'label.identity_card_front': string
  /** Label of an `identity_card_back` item. */
  'label.identity_card_back': string
  /** Label of a `proof_of_address` item. */
  'label.proof_of_address': string
  /** Label of a `proof_of_income` item. */
  'label.proof_of_income': string
  /** Label of a `biometrics` item. */
  'label.biometrics': string
  /** Label of an `articles_of_association` item. */
  'label.articles_of_association': string
  /** Label of a `cnpj_card` item. */
  'label.cnpj_card': string
  /** Label of a `passport` item. */
  'label.passport': string

  /** Validation: the file has no bytes. */
  'error.file_empty': string
  /** Validation or API: over the limit; `{max}` is the limit. */
  'error.file_too_large': string
  /** Validation: a HEIC/HEIF photo (iPhone default). */
  'error.file_heic': string
  /** Validation: not PDF, JPEG or PNG by name or type. */
  'error.file_type_unsupported': string
  /** Validation: a PDF (or another non-photo) for a document that takes photos only. */
  'error.file_photo_required': string
  /** Validation: named like a document, bytes say otherwise. */
  'error.file_disguised': string
  /** Validation: the file is cut short. */
  'error.file_corrupt': string
  /** Validation: a password-protected PDF. */
  'error.file_encrypted': string
  /** Validation: a JPEG or PNG no browser can open (JPEG-LS, 12-bit, damaged). */
  'error.image_undecodable': string
  /** Validation: more pixels than the photo step decodes; `{megapixels}`, `{maxMegapixels}`. */
  'error.image_too_large': string
  /** Validation: the browser could not read the file. */
  'error.file_unreadable': string
  /** Validation: more than one file dropped on one document. */
  'error.too_many_files': string
  /** Validation: a folder was dropped. */
  'error.folder': string

  /** API 400: the request was not multipart. */
  'error.invalid_content_type': string
  /** API 400: the request body could not be read. */
  'error.malformed_body': string
  /** API 400: no file part. */
  'error.missing_file': string
  /** API 401: the session expired. */
  'error.token_expired': string
  /** API 401: not signed in. */
  'error.invalid_token': string
  /** API 401: the host's client credentials were refused (server to server). */
  'error.invalid_client': string
  /** Proxy 401: the host's backend does not know the signed-in user. */
  'error.unauthenticated': string
  /** API 404: no such customer. */
  'error.customer_not_found': string
  /** API 409: a biometrics session is already open. */
  'error.session_already_active': string
  /** API 422: a required field is missing. */
  'error.missing_required_field': string
  /** API 422: the KYC is incomplete. */
  'error.kyc_incomplete': string
  /** API 422: this document is not asked of this customer. */
  'error.invalid_document_type': string
  /** API 422: the server found the bytes are not PDF/JPEG/PNG. */
  'error.unsupported_file_type': string
  /** API 422: this document is already in review or approved. */
  'error.document_locked': string
  /** API 422: the same attempt was sent with different content. */
  'error.idempotency_key_reused': string
  /** API 429: too many requests. */
  'error.rate_limit_exceeded': string
  /** API 500: the provider failed. */
  'error.internal_error': string
  /** Proxy 502: the provider could not be reached. */
  'error.provider_unreachable': string
  /** Proxy 504: the provider took too long. */
  'error.provider_timeout': string
  /** Proxy 502: the provider answered with an error. */
  'error.provider_error': string
  /** Proxy 502: the host's credentials were refused by the provider. */
  'error.provider_auth_failed': string
  /** Proxy 502: the provider's answer could not be read. */
  'error.invalid_provider_response': string
  /** Client: no network, or the connection dropped. */
  'error.network_error': string
  /** Client: the server took too long. */
  'error.timeout': string
  /** Client: the upload was cancelled. */
  'error.aborted': string
  /** Client: the answer was not what the API sends. */
  'error.invalid_response': string
  /** Any other failure without a message of its own. */
  'error.generic': string
}

/** Strings a host passes: any key overridden, plus labels for document types of its own. */
export type KycStringOverrides = { [Key in keyof KycStrings]?: string | undefined } & {
  [key: `label.${string}`]: string | undefined
}

/** A locale: a BCP 47 tag for `Intl` and the complete strings table. */
export interface KycLocale {
  /** BCP 47 language tag used for numbers and dates, e.g. `pt-BR`. */
  tag: string
  strings: KycStrings
}
