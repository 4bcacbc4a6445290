import type { KycLocale } from './types.ts'

/**
 * Spanish, for Latin America (`tú`). Import it from `kyc-uploader/locales/es` so other apps don't
 * ship it. Its tag is `es`; for one country's number and date formats spread it with another:
 * `{ ...es, tag: 'es-MX' }`.
 */
export const es: KycLocale = {
  tag: 'es',
  strings: {
    // Root, while the customer loads.
    'state.loading': 'Cargando documentos…',
    // Root, when the customer owes no document.
    'state.empty': 'No se requiere ningún documento. No hay nada que enviar.',
    // Root, when the customer does not exist (404).
    'state.notFound': 'Registro no encontrado. Revisa el enlace o contacta a soporte.',
    // Root, when the customer could not be loaded.
    'state.error': 'No se pudieron cargar tus documentos. {message}',
    // Button under a load error.
    'state.retry': 'Intentar de nuevo',
    // Root, when every document is approved.
    'state.complete': 'Todos los documentos fueron aprobados.',

    // Accessible name of the list of documents.
    'list.label': 'Documentos',

    // Badge: nothing uploaded yet.
    'status.pending': 'Pendiente',
    // Badge: in review.
    'status.submitted': 'En revisión',
    // Badge: approved.
    'status.approved': 'Aprobado',
    // Badge: rejected.
    'status.rejected': 'Rechazado',

    // Dropzone text of a pending document.
    'dropzone.prompt': 'Arrastra el archivo hasta aquí o haz clic para elegirlo',
    // Dropzone text of a rejected document.
    'dropzone.sendAgain': 'Enviar de nuevo: arrastra el archivo o haz clic para elegirlo',
    // Dropzone text while a file is dragged over it.
    'dropzone.active': 'Suelta el archivo para enviarlo',
    // Hint under the dropzone text.
    'dropzone.hint': 'PDF, JPEG o PNG, hasta {max}',
    // Hint of a photo-only document (the selfie).
    'dropzone.hintPhoto': 'Foto JPEG o PNG, hasta {max}',
    // Dropzone text of a pending document on a touch screen.
    'dropzone.promptTouch': 'Toma una foto o elige un archivo',
    // Dropzone text of a rejected document on a touch screen.
    'dropzone.sendAgainTouch': 'Enviar de nuevo: toma una foto o elige un archivo',
    // Touch: opens the camera.
    'action.takePhoto': 'Tomar una foto',
    // Touch: opens the front camera for the selfie.
    'action.takeSelfie': 'Tomar una selfie',
    // Touch: opens the gallery or the files.
    'action.chooseFile': 'Elegir un archivo',

    // Title above the reviewer's message.
    'review.message': 'Motivo del rechazo:',
    // When the latest file was sent.
    'review.uploadedAt': 'Enviado el {date}',

    // Upload line while the file is checked.
    'upload.validating': 'Revisando {name}…',
    // Upload line while waiting for a slot.
    'upload.queued': 'En espera: {name}',
    // Upload line while sending.
    'upload.uploading': 'Enviando {name}…',
    // Progress text.
    'upload.progress': '{loaded} de {total}',
    // Upload line while waiting to retry.
    'upload.retrying': 'Falla temporal. Intentando de nuevo…',
    // Upload line once every byte is sent.
    'upload.processing': 'Archivo enviado. Esperando la confirmación…',
    // Line after the user cancelled.
    'upload.cancelled': 'Envío cancelado',
    // Upload line while offline.
    'upload.paused': 'Sin conexión. El envío continúa cuando vuelvas a estar en línea.',
    // Upload line after a final failure.
    'upload.failed': 'No se pudo enviar {name}.',
    // Upload line after success.
    'upload.done': 'Enviado: {name}',
    // The file sent, once rejected.
    'upload.doneRejected': 'Archivo rechazado: {name}',
    // Cancel button.
    'upload.cancel': 'Cancelar envío',
    // Retry button.
    'upload.retry': 'Intentar de nuevo',
    // Accessible name of the progress bar.
    'upload.progressLabel': 'Progreso del envío de {name}',
    // Alt text of the photo's thumbnail.
    'preview.image': 'Vista previa de {name}',
    // A chosen PDF.
    'preview.pdf': 'Archivo PDF · {size} · {pages} pág.',
    // A chosen PDF without a page count.
    'preview.pdfNoPages': 'Archivo PDF · {size}',
    // Heading above quality warnings.
    'quality.heading': 'Revisa la foto antes de enviarla:',
    // Quality: blurry.
    'quality.blurry':
      'La foto parece borrosa. Apoya el celular y acércate despacio hasta que las letras se vean nítidas.',
    // Quality: too dark.
    'quality.dark':
      'La foto está demasiado oscura. Ve a un lugar con más luz o enciende una lámpara.',
    // Quality: too bright.
    'quality.bright': 'La foto está demasiado clara. Sal del sol directo y apaga el flash.',
    // Quality: glare over the document.
    'quality.glare':
      'Hay un reflejo sobre el documento. Evita la luz directa: inclínalo un poco o apaga el flash.',
    // Quality: too small.
    'quality.small':
      'La foto es demasiado pequeña para leer los datos. Acerca la cámara o envía la foto original.',
    // Selfie quality: blurry.
    'quality.face.blurry': 'La selfie salió movida. Sostén el celular firme y quédate quieto.',
    // Selfie quality: too dark.
    'quality.face.dark': 'Tu rostro está demasiado oscuro. Ponte de frente a una luz.',
    // Selfie quality: too bright.
    'quality.face.bright': 'La selfie está demasiado clara. Sal del sol directo y apaga el flash.',
    // Selfie quality: glare on the face.
    'quality.face.glare': 'Hay un reflejo fuerte en tu rostro. Ponte de frente a una luz suave.',
    // Selfie quality: too small.
    'quality.face.small': 'La selfie es demasiado pequeña. Toma otra con la cámara del celular.',
    // Sends anyway.
    'quality.sendAnyway': 'Enviar de todos modos',
    // Chooses another photo.
    'quality.chooseAnother': 'Elegir otra',
    // Takes another photo with the camera.
    'quality.takeAnother': 'Tomar otra foto',
    // Takes another selfie.
    'quality.takeAnotherSelfie': 'Tomar otra selfie',

    // Name of the viewfinder dialog; `{label}` is the document.
    'viewfinder.title': 'Fotografiar: {label}',
    // Viewfinder while the camera starts.
    'viewfinder.starting': 'Abriendo la cámara…',
    // Hint: frame the document in the outline.
    'viewfinder.hint.aim': 'Encuadra el documento dentro del contorno.',
    // Hint (selfie): frame the face in the oval.
    'viewfinder.hint.face': 'Encuadra tu rostro dentro del óvalo.',
    // Hint: the frame is blurred.
    'viewfinder.hint.blurry': 'Borroso: acércate despacio y no te muevas.',
    // Hint: too dark.
    'viewfinder.hint.dark': 'Muy oscuro: busca más luz.',
    // Hint: too bright.
    'viewfinder.hint.bright': 'Muy claro: sal de la luz directa.',
    // Hint: a reflection on the document.
    'viewfinder.hint.glare': 'Reflejo en el documento: inclínalo un poco.',
    // Hint: too far or too small.
    'viewfinder.hint.far': 'Acerca la cámara.',
    // Hint: the camera moves.
    'viewfinder.hint.steady': 'Mantén el celular quieto.',
    // Hint: good and steady, about to take the photo.
    'viewfinder.hint.good': '¡Bien! Mantenlo así…',
    // The shutter button.
    'viewfinder.shutter': 'Tomar la foto ahora',
    // Button: open the phone's camera app instead.
    'viewfinder.cameraApp': 'Usar la app de la cámara',
    // Button: choose a file instead.
    'viewfinder.chooseFile': 'Elegir un archivo',
    // Button that closes the viewfinder.
    'viewfinder.close': 'Cerrar la cámara',
    // Toggle of the camera's light, where it has one.
    'viewfinder.torch': 'Linterna',
    // Card line when the camera cannot be used in the page.
    'viewfinder.failed': 'No se pudo abrir la cámara aquí; usa la app de la cámara.',

    // Top line: documents sent.
    'summary.progress': 'Enviaste {done} de {total} documentos.',
    // Top line: documents missing.
    'summary.missing': 'Pendientes de enviar: {labels}.',

    // Note on a data item.
    'data.note': 'Se completa en otro paso de tu registro',
    // Heading of the data items.
    'data.heading': 'Otros pendientes',
    // Button that starts biometrics.
    'biometrics.start': 'Iniciar la verificación facial',
    // Note on biometrics when the host offers no button.
    'biometrics.note': 'La verificación facial se hace en otro paso de tu registro',

    // Button that offers to continue on the phone.
    'handoff.start': 'Continuar en el celular',
    // Name of the hand-off panel.
    'handoff.title': 'Continúa en tu celular',
    // Hand-off panel while the link is made.
    'handoff.issuing': 'Creando un enlace para tu celular…',
    // Hand-off panel: instructions beside the QR code.
    'handoff.waiting':
      'Escanea este código con la cámara de tu celular o abre el enlace en él. Lo que envíes aparecerá aquí.',
    // Alternative text of the QR code.
    'handoff.qr': 'Código QR del enlace para tu celular',
    // Label of the link's text field.
    'handoff.link': 'Enlace para tu celular',
    // Button that copies the link.
    'handoff.copy': 'Copiar enlace',
    // Shown after the link was copied.
    'handoff.copied': 'Enlace copiado',
    // Time the link still works; {time} is m:ss.
    'handoff.timeLeft': 'El enlace funciona {time} más, una sola vez.',
    // Hand-off panel once the phone opened the link.
    'handoff.used': 'Abierto en tu celular. Lo que envíes desde ahí aparecerá aquí.',
    // Hand-off panel when the link expired.
    'handoff.expired': 'Este enlace expiró.',
    // Hand-off panel when the link could not be made; {message}.
    'handoff.failed': 'No se pudo crear el enlace. {message}',
    // Button that makes a new link.
    'handoff.again': 'Crear un enlace nuevo',
    // Button that closes the hand-off panel.
    'handoff.close': 'Cerrar',
    // Note when the proxy offers no hand-off.
    'handoff.unavailable': 'Aquí no es posible continuar en el celular.',
    // Phone, once every document is sent.
    'handoff.done': 'Todo enviado. Puedes volver a tu computadora.',
    // Under the QR code: the digits to type on the phone; {code}.
    'handoff.code': 'En el celular, escribe el código {code}',
    // Button that ends the phone's session.
    'handoff.end': 'Terminar en el celular',
    // Under the QR code when the link names this machine; {host}.
    'handoff.loopback':
      'Un celular no puede abrir {host}: define handoff.publicOrigin en el proxy.',

    // Live region: status change.
    'announce.status': '{label}: {status}',
    // Live region: file sent.
    'announce.uploaded': '{label}: {name} enviado, en revisión',
    // Live region: failure.
    'announce.error': '{label}: {message}',
    // Live region: cancelled.
    'announce.cancelled': '{label}: envío cancelado',
    // Live region: quality warnings.
    'announce.quality': '{label}: {message} Envíala de todos modos o elige otra foto.',

    // Label of ccmei.
    'label.ccmei': 'Certificado MEI (CCMEI)',
    // Label of cnh.
    'label.cnh': 'Licencia de conducir (CNH)',
    // Label of selfie.
    'label.selfie': 'Selfie',
    // Label of identity_card_front.
    'label.identity_card_front': 'Documento de identidad (frente)',
    // Label of identity_card_back.
    'label.identity_card_back': 'Documento de identidad (reverso)',
    // Label of proof_of_address.
    'label.proof_of_address': 'Comprobante de domicilio',
    // Label of proof_of_income.
    'label.proof_of_income': 'Comprobante de ingresos',
    // Label of biometrics.
    'label.biometrics': 'Verificación facial',
    // Label of articles_of_association.
    'label.articles_of_association': 'Contrato social',
    // Label of cnpj_card.
    'label.cnpj_card': 'Tarjeta del CNPJ',
    // Label of passport.
    'label.passport': 'Pasaporte',

    // Validation: empty file.
    'error.file_empty': 'El archivo {name} está vacío.',
    // Validation or API: too large.
    'error.file_too_large': 'El archivo {name} supera el límite de {max}.',
    // Validation: HEIC photo.
    'error.file_heic':
      'No se aceptan fotos HEIC/HEIF (el formato habitual del iPhone). Envía un JPEG o PNG: en el iPhone, Ajustes > Cámara > Formatos > Más compatible.',
    // Validation: wrong type.
    'error.file_type_unsupported': 'El archivo {name} no es un PDF, JPEG ni PNG.',
    // Validation: a PDF for a photo-only document.
    'error.file_photo_required':
      '{name} no es una foto. Este documento solo acepta una foto JPEG o PNG.',
    // Validation: disguised file.
    'error.file_disguised':
      'El nombre de {name} dice una cosa, pero su contenido no es un PDF, JPEG ni PNG real.',
    // Validation: truncated file.
    'error.file_corrupt': 'El archivo {name} parece incompleto o dañado.',
    // Validation: password-protected PDF.
    'error.file_encrypted':
      'El PDF {name} está protegido con contraseña. Envía una copia sin contraseña.',
    // Validation: an image no browser opens.
    'error.image_undecodable':
      'No se pudo abrir la imagen {name}. Expórtala como JPEG y envíala de nuevo.',
    // Validation: too many pixels.
    'error.image_too_large':
      'La foto {name} tiene {megapixels} megapíxeles, más de lo que se puede preparar aquí (hasta {maxMegapixels}). Tómala con una resolución menor.',
    // Validation: unreadable.
    'error.file_unreadable': 'No se pudo leer el archivo {name}. Intenta elegirlo de nuevo.',
    // Validation: several files.
    'error.too_many_files': 'Envía un solo archivo a la vez para este documento.',
    // Validation: a folder.
    'error.folder': 'No se aceptan carpetas. Elige un solo archivo PDF, JPEG o PNG.',

    // API 400: not multipart.
    'error.invalid_content_type': 'El envío llegó en un formato inesperado. Intenta de nuevo.',
    // API 400: unreadable body.
    'error.malformed_body': 'El envío llegó incompleto. Intenta de nuevo.',
    // API 400: no file.
    'error.missing_file': 'Ningún archivo llegó al servidor. Elige el archivo de nuevo.',
    // API 401: session expired.
    'error.token_expired': 'Tu sesión expiró. Inicia sesión de nuevo para continuar.',
    // API 401: not signed in.
    'error.invalid_token': 'Necesitas iniciar sesión de nuevo para continuar.',
    // API 401: the site's credentials refused.
    'error.invalid_client':
      'El servicio de revisión rechazó las credenciales de este sitio. Intenta más tarde.',
    // Proxy 401: not signed in to the host.
    'error.unauthenticated': 'No has iniciado sesión. Inicia sesión para continuar.',
    // API 404: no customer.
    'error.customer_not_found': 'Registro no encontrado.',
    // API 409: biometrics session open.
    'error.session_already_active': 'Ya hay una sesión de verificación facial abierta.',
    // API 422: required field.
    'error.missing_required_field': 'Falta un campo obligatorio en tu registro.',
    // API 422: KYC incomplete.
    'error.kyc_incomplete': 'Todavía faltan algunos documentos.',
    // API 422: type not asked.
    'error.invalid_document_type': 'Este documento no se requiere para este registro.',
    // API 422: server says wrong bytes.
    'error.unsupported_file_type': 'El servidor rechazó el archivo: no es un PDF, JPEG ni PNG.',
    // API 422: already in review.
    'error.document_locked': 'Este documento ya está en revisión o fue aprobado.',
    // API 422: key reused.
    'error.idempotency_key_reused': 'Este envío choca con uno anterior. Elige el archivo de nuevo.',
    // API 429: rate limit.
    'error.rate_limit_exceeded':
      'Demasiados intentos seguidos. Espera un momento e intenta de nuevo.',
    // API 500.
    'error.internal_error': 'El servicio de revisión falló. Intenta de nuevo en un momento.',
    // Proxy: provider unreachable.
    'error.provider_unreachable':
      'El servicio de revisión no está disponible. Intenta de nuevo en un momento.',
    // Proxy: provider timeout.
    'error.provider_timeout': 'El servicio de revisión tardó demasiado. Intenta de nuevo.',
    // Proxy: provider error.
    'error.provider_error':
      'El servicio de revisión respondió con un error. Intenta de nuevo en un momento.',
    // Proxy: credentials refused.
    'error.provider_auth_failed': 'El servicio de revisión no está disponible en este momento.',
    // Proxy: unreadable provider answer.
    'error.invalid_provider_response': 'El servicio de revisión respondió de forma inesperada.',
    // Client: network.
    'error.network_error': 'Sin conexión con el servidor. Revisa tu conexión a internet.',
    // Client: timeout.
    'error.timeout': 'El servidor tardó demasiado en responder.',
    // Client: cancelled.
    'error.aborted': 'Envío cancelado.',
    // Client: odd answer.
    'error.invalid_response': 'El servidor respondió de forma inesperada.',
    // Anything else.
    'error.generic': 'Algo salió mal. Intenta de nuevo.',
  },
}
