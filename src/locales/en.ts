import type { KycLocale } from './types.ts'

/** English. Import it from `kyc-uploader/locales/en` so other apps don't ship it. */
export const en: KycLocale = {
  tag: 'en',
  strings: {
    // Root, while the customer loads.
    'state.loading': 'Loading documents…',
    // Root, when the customer owes no document.
    'state.empty': 'No documents are required. There is nothing to upload.',
    // Root, when the customer does not exist (404).
    'state.notFound': 'Customer not found. Check the link or contact support.',
    // Root, when the customer could not be loaded.
    'state.error': 'Your documents could not be loaded. {message}',
    // Button under a load error.
    'state.retry': 'Try again',
    // Root, when every document is approved.
    'state.complete': 'All documents have been approved.',

    // Accessible name of the list of documents.
    'list.label': 'Documents',

    // Badge: nothing uploaded yet.
    'status.pending': 'Pending',
    // Badge: in review.
    'status.submitted': 'In review',
    // Badge: approved.
    'status.approved': 'Approved',
    // Badge: rejected.
    'status.rejected': 'Rejected',

    // Dropzone text of a pending document.
    'dropzone.prompt': 'Drag the file here or click to choose',
    // Dropzone text of a rejected document.
    'dropzone.sendAgain': 'Send again: drag the file here or click to choose',
    // Dropzone text while a file is dragged over it.
    'dropzone.active': 'Drop the file to upload it',
    // Hint under the dropzone text.
    'dropzone.hint': 'PDF, JPEG or PNG, up to {max}',
    // Hint of a photo-only document (the selfie).
    'dropzone.hintPhoto': 'JPEG or PNG photo, up to {max}',
    // Dropzone text of a pending document on a touch screen.
    'dropzone.promptTouch': 'Take a photo or choose a file',
    // Dropzone text of a rejected document on a touch screen.
    'dropzone.sendAgainTouch': 'Send again: take a photo or choose a file',
    // Touch: opens the camera.
    'action.takePhoto': 'Take a photo',
    // Touch: opens the front camera for the selfie.
    'action.takeSelfie': 'Take a selfie',
    // Touch: opens the gallery or the files.
    'action.chooseFile': 'Choose a file',

    // Title above the reviewer's message.
    'review.message': 'Reason for rejection:',
    // When the latest file was sent.
    'review.uploadedAt': 'Sent on {date}',

    // Upload line while the file is checked.
    'upload.validating': 'Checking {name}…',
    // Upload line while waiting for a slot.
    'upload.queued': 'Queued: {name}',
    // Upload line while sending.
    'upload.uploading': 'Uploading {name}…',
    // Progress text.
    'upload.progress': '{loaded} of {total}',
    // Upload line while waiting to retry.
    'upload.retrying': 'Temporary failure. Trying again…',
    // Upload line once every byte is sent.
    'upload.processing': 'File sent. Waiting for confirmation…',
    // Line after the user cancelled.
    'upload.cancelled': 'Upload cancelled',
    // Upload line while offline.
    'upload.paused': 'No connection. The upload resumes when you are back online.',
    // Upload line after a final failure.
    'upload.failed': '{name} could not be uploaded.',
    // Upload line after success.
    'upload.done': 'Sent: {name}',
    // The file sent, once rejected.
    'upload.doneRejected': 'File rejected: {name}',
    // Cancel button.
    'upload.cancel': 'Cancel upload',
    // Retry button.
    'upload.retry': 'Try again',
    // Accessible name of the progress bar.
    'upload.progressLabel': 'Upload progress of {name}',
    // Alt text of the photo's thumbnail.
    'preview.image': 'Preview of {name}',
    // A chosen PDF.
    'preview.pdf': 'PDF file · {size} · {pages} p.',
    // A chosen PDF without a page count.
    'preview.pdfNoPages': 'PDF file · {size}',
    // Heading above quality warnings.
    'quality.heading': 'Check the photo before sending it:',
    // Quality: blurry.
    'quality.blurry':
      'The photo looks blurry. Rest the phone on something and move in slowly until the text is sharp.',
    // Quality: too dark.
    'quality.dark': 'The photo is too dark. Move somewhere brighter or turn on a light.',
    // Quality: too bright.
    'quality.bright': 'The photo is too bright. Step out of direct sun and turn off the flash.',
    // Quality: glare over the document.
    'quality.glare':
      'There is a reflection on the document. Avoid direct light on it: tilt it slightly or turn off the flash.',
    // Quality: too small.
    'quality.small':
      'The photo is too small to read the details. Move the camera closer or send the original photo.',
    // Selfie quality: blurry.
    'quality.face.blurry': 'The selfie is shaken. Hold the phone steady and keep still.',
    // Selfie quality: too dark.
    'quality.face.dark': 'Your face is too dark. Face a light.',
    // Selfie quality: too bright.
    'quality.face.bright':
      'The selfie is too bright. Step out of direct sun and turn off the flash.',
    // Selfie quality: glare on the face.
    'quality.face.glare': 'There is a hard reflection on your face. Face a soft light.',
    // Selfie quality: too small.
    'quality.face.small': 'The selfie is too small. Take another with the phone camera.',
    // Sends anyway.
    'quality.sendAnyway': 'Send anyway',
    // Chooses another photo.
    'quality.chooseAnother': 'Choose another',
    // Takes another photo with the camera.
    'quality.takeAnother': 'Take another photo',
    // Takes another selfie.
    'quality.takeAnotherSelfie': 'Take another selfie',

    // Name of the viewfinder dialog; `{label}` is the document.
    'viewfinder.title': 'Photograph: {label}',
    // Viewfinder while the camera starts.
    'viewfinder.starting': 'Starting the camera…',
    // Hint: frame the document in the outline.
    'viewfinder.hint.aim': 'Fit the document inside the outline.',
    // Hint (selfie): frame the face in the oval.
    'viewfinder.hint.face': 'Fit your face inside the oval.',
    // Hint: the frame is blurred.
    'viewfinder.hint.blurry': 'Blurred: move in slowly and hold still.',
    // Hint: too dark.
    'viewfinder.hint.dark': 'Too dark: find more light.',
    // Hint: too bright.
    'viewfinder.hint.bright': 'Too bright: step out of direct light.',
    // Hint: a reflection on the document.
    'viewfinder.hint.glare': 'Reflection on the document: tilt it slightly.',
    // Hint: too far or too small.
    'viewfinder.hint.far': 'Move the camera closer.',
    // Hint: the camera moves.
    'viewfinder.hint.steady': 'Hold the phone still.',
    // Hint: good and steady, about to take the photo.
    'viewfinder.hint.good': 'Good! Hold it there…',
    // The shutter button.
    'viewfinder.shutter': 'Take the photo now',
    // Button: open the phone's camera app instead.
    'viewfinder.cameraApp': 'Use the camera app',
    // Button: choose a file instead.
    'viewfinder.chooseFile': 'Choose a file',
    // Button that closes the viewfinder.
    'viewfinder.close': 'Close camera',
    // Toggle of the camera's light, where it has one.
    'viewfinder.torch': 'Torch',
    // Card line when the camera cannot be used in the page.
    'viewfinder.failed': 'The camera could not open here; use the camera app.',

    // Top line: documents sent.
    'summary.progress': '{done} of {total} documents sent.',
    // Top line: documents missing.
    'summary.missing': 'Still to send: {labels}.',

    // Note on a data item.
    'data.note': 'To be completed in another step of your registration',
    // Heading of the data items.
    'data.heading': 'Other pending items',
    // Button that starts biometrics.
    'biometrics.start': 'Start face verification',
    // Note on biometrics when the host offers no button.
    'biometrics.note': 'Face verification is done in another step of your registration',

    // Button that offers to continue on the phone.
    'handoff.start': 'Continue on the phone',
    // Name of the hand-off panel.
    'handoff.title': 'Continue on your phone',
    // Hand-off panel while the link is made.
    'handoff.issuing': 'Making a link for your phone…',
    // Hand-off panel: instructions beside the QR code.
    'handoff.waiting':
      'Scan this code with your phone’s camera, or open the link on it. What you send shows up here.',
    // Alternative text of the QR code.
    'handoff.qr': 'QR code of the link for your phone',
    // Label of the link's text field.
    'handoff.link': 'Link for your phone',
    // Button that copies the link.
    'handoff.copy': 'Copy link',
    // Shown after the link was copied.
    'handoff.copied': 'Link copied',
    // Time the link still works; {time} is m:ss.
    'handoff.timeLeft': 'The link works for {time} more, once.',
    // Hand-off panel once the phone opened the link.
    'handoff.used': 'Opened on your phone. What you send there shows up here.',
    // Hand-off panel when the link expired.
    'handoff.expired': 'This link has expired.',
    // Hand-off panel when the link could not be made; {message}.
    'handoff.failed': 'The link could not be made. {message}',
    // Button that makes a new link.
    'handoff.again': 'Make a new link',
    // Button that closes the hand-off panel.
    'handoff.close': 'Close',
    // Note when the proxy offers no hand-off.
    'handoff.unavailable': 'Continuing on the phone is not available here.',
    // Phone, once every document is sent.
    'handoff.done': 'All sent. You can go back to your computer.',
    // Under the QR code: the digits to type on the phone; {code}.
    'handoff.code': 'On the phone, type the code {code}',
    // Button that ends the phone's session.
    'handoff.end': 'End on the phone',
    // Under the QR code when the link names this machine; {host}.
    'handoff.loopback': 'A phone cannot open {host}: set the proxy’s handoff.publicOrigin.',

    // Live region: status change.
    'announce.status': '{label}: {status}',
    // Live region: file sent.
    'announce.uploaded': '{label}: {name} uploaded, in review',
    // Live region: failure.
    'announce.error': '{label}: {message}',
    // Live region: cancelled.
    'announce.cancelled': '{label}: upload cancelled',
    // Live region: quality warnings.
    'announce.quality': '{label}: {message} Send it anyway or choose another photo.',

    // Label of ccmei.
    'label.ccmei': 'MEI certificate (CCMEI)',
    // Label of cnh.
    'label.cnh': "Driver's license (CNH)",
    // Label of selfie.
    'label.selfie': 'Selfie',
    // Label of identity_card_front.
    'label.identity_card_front': 'Identity card (front)',
    // Label of identity_card_back.
    'label.identity_card_back': 'Identity card (back)',
    // Label of proof_of_address.
    'label.proof_of_address': 'Proof of address',
    // Label of proof_of_income.
    'label.proof_of_income': 'Proof of income',
    // Label of biometrics.
    'label.biometrics': 'Face verification',
    // Label of articles_of_association.
    'label.articles_of_association': 'Articles of association',
    // Label of cnpj_card.
    'label.cnpj_card': 'CNPJ card',
    // Label of passport.
    'label.passport': 'Passport',

    // Validation: empty file.
    'error.file_empty': 'The file {name} is empty.',
    // Validation or API: too large.
    'error.file_too_large': 'The file {name} is over the {max} limit.',
    // Validation: HEIC photo.
    'error.file_heic':
      'HEIC/HEIF photos (the iPhone default) are not accepted. Send a JPEG or PNG: on an iPhone, Settings > Camera > Formats > Most Compatible.',
    // Validation: wrong type.
    'error.file_type_unsupported': 'The file {name} is not a PDF, JPEG or PNG.',
    // Validation: a PDF for a photo-only document.
    'error.file_photo_required':
      '{name} is not a photo. This document takes a JPEG or PNG photo only.',
    // Validation: disguised file.
    'error.file_disguised':
      'The name of {name} says one thing, but its content is not a real PDF, JPEG or PNG.',
    // Validation: truncated file.
    'error.file_corrupt': 'The file {name} looks incomplete or damaged.',
    // Validation: password-protected PDF.
    'error.file_encrypted': 'The PDF {name} is password-protected. Send a copy without a password.',
    // Validation: an image no browser opens.
    'error.image_undecodable':
      'The image {name} cannot be opened. Export it as JPEG and send it again.',
    // Validation: too many pixels.
    'error.image_too_large':
      'The photo {name} has {megapixels} megapixels, more than can be prepared here (up to {maxMegapixels}). Take it at a lower resolution.',
    // Validation: unreadable.
    'error.file_unreadable': 'The file {name} could not be read. Try choosing it again.',
    // Validation: several files.
    'error.too_many_files': 'Send one file at a time for this document.',
    // Validation: a folder.
    'error.folder': 'Folders are not accepted. Choose a single PDF, JPEG or PNG file.',

    // API 400: not multipart.
    'error.invalid_content_type': 'The upload arrived in an unexpected format. Try again.',
    // API 400: unreadable body.
    'error.malformed_body': 'The upload arrived incomplete. Try again.',
    // API 400: no file.
    'error.missing_file': 'No file reached the server. Choose the file again.',
    // API 401: session expired.
    'error.token_expired': 'Your session has expired. Sign in again to continue.',
    // API 401: not signed in.
    'error.invalid_token': 'You need to sign in again to continue.',
    // API 401: the site's credentials refused.
    'error.invalid_client': "The review service refused this site's credentials. Try again later.",
    // Proxy 401: not signed in to the host.
    'error.unauthenticated': 'You are not signed in. Sign in to continue.',
    // API 404: no customer.
    'error.customer_not_found': 'Customer not found.',
    // API 409: biometrics session open.
    'error.session_already_active': 'A face verification session is already open.',
    // API 422: required field.
    'error.missing_required_field': 'A required field is missing from your registration.',
    // API 422: KYC incomplete.
    'error.kyc_incomplete': 'Some documents are still missing.',
    // API 422: type not asked.
    'error.invalid_document_type': 'This document is not required for this customer.',
    // API 422: server says wrong bytes.
    'error.unsupported_file_type': 'The server refused the file: it is not a PDF, JPEG or PNG.',
    // API 422: already in review.
    'error.document_locked': 'This document is already in review or approved.',
    // API 422: key reused.
    'error.idempotency_key_reused':
      'This upload conflicts with an earlier one. Choose the file again.',
    // API 429: rate limit.
    'error.rate_limit_exceeded': 'Too many attempts in a row. Wait a moment and try again.',
    // API 500.
    'error.internal_error': 'The review service failed. Try again in a moment.',
    // Proxy: provider unreachable.
    'error.provider_unreachable': 'The review service is down. Try again in a moment.',
    // Proxy: provider timeout.
    'error.provider_timeout': 'The review service took too long. Try again.',
    // Proxy: provider error.
    'error.provider_error': 'The review service answered with an error. Try again in a moment.',
    // Proxy: credentials refused.
    'error.provider_auth_failed': 'The review service is unavailable right now.',
    // Proxy: unreadable provider answer.
    'error.invalid_provider_response': 'The review service answered unexpectedly.',
    // Client: network.
    'error.network_error': 'No connection to the server. Check your internet connection.',
    // Client: timeout.
    'error.timeout': 'The server took too long to answer.',
    // Client: cancelled.
    'error.aborted': 'Upload cancelled.',
    // Client: odd answer.
    'error.invalid_response': 'The server answered unexpectedly.',
    // Anything else.
    'error.generic': 'Something went wrong. Try again.',
  },
}
