import type { KycLocale } from './types.ts'

/** Brazilian Portuguese: the default locale. */
export const ptBR: KycLocale = {
  tag: 'pt-BR',
  strings: {
    // Root, while the customer loads.
    'state.loading': 'Carregando documentos…',
    // Root, when the customer owes no document.
    'state.empty': 'Nenhum documento pendente. Não há nada para enviar.',
    // Root, when the customer does not exist (404).
    'state.notFound': 'Cadastro não encontrado. Confira o link ou fale com o suporte.',
    // Root, when the customer could not be loaded.
    'state.error': 'Não foi possível carregar seus documentos. {message}',
    // Button under a load error.
    'state.retry': 'Tentar novamente',
    // Root, when every document is approved.
    'state.complete': 'Todos os documentos foram aprovados.',

    // Accessible name of the list of documents.
    'list.label': 'Documentos',

    // Badge: nothing uploaded yet.
    'status.pending': 'Pendente',
    // Badge: in review.
    'status.submitted': 'Em análise',
    // Badge: approved.
    'status.approved': 'Aprovado',
    // Badge: rejected.
    'status.rejected': 'Recusado',

    // Dropzone text of a pending document.
    'dropzone.prompt': 'Arraste o arquivo até aqui ou clique para escolher',
    // Dropzone text of a rejected document.
    'dropzone.sendAgain': 'Enviar novamente: arraste o arquivo ou clique para escolher',
    // Dropzone text while a file is dragged over it.
    'dropzone.active': 'Solte o arquivo para enviar',
    // Hint under the dropzone text.
    'dropzone.hint': 'PDF, JPEG ou PNG, até {max}',
    // Hint of a photo-only document (the selfie).
    'dropzone.hintPhoto': 'Foto JPEG ou PNG, até {max}',
    // Dropzone text of a pending document on a touch screen.
    'dropzone.promptTouch': 'Tire uma foto ou escolha um arquivo',
    // Dropzone text of a rejected document on a touch screen.
    'dropzone.sendAgainTouch': 'Enviar novamente: tire uma foto ou escolha um arquivo',
    // Touch: opens the camera.
    'action.takePhoto': 'Tirar foto',
    // Touch: opens the front camera for the selfie.
    'action.takeSelfie': 'Tirar selfie',
    // Touch: opens the gallery or the files.
    'action.chooseFile': 'Escolher arquivo',

    // Title above the reviewer's message.
    'review.message': 'Motivo da recusa:',
    // When the latest file was sent.
    'review.uploadedAt': 'Enviado em {date}',

    // Upload line while the file is checked.
    'upload.validating': 'Verificando {name}…',
    // Upload line while waiting for a slot.
    'upload.queued': 'Na fila: {name}',
    // Upload line while sending.
    'upload.uploading': 'Enviando {name}…',
    // Progress text.
    'upload.progress': '{loaded} de {total}',
    // Upload line while waiting to retry.
    'upload.retrying': 'Falha temporária. Tentando de novo…',
    // Upload line once every byte is sent.
    'upload.processing': 'Arquivo enviado. Aguardando a confirmação…',
    // Line after the user cancelled.
    'upload.cancelled': 'Envio cancelado',
    // Upload line while offline.
    'upload.paused': 'Sem conexão. O envio continua quando a internet voltar.',
    // Upload line after a final failure.
    'upload.failed': 'Não foi possível enviar {name}.',
    // Upload line after success.
    'upload.done': 'Enviado: {name}',
    // The file sent, once rejected.
    'upload.doneRejected': 'Arquivo recusado: {name}',
    // Cancel button.
    'upload.cancel': 'Cancelar envio',
    // Retry button.
    'upload.retry': 'Tentar de novo',
    // Accessible name of the progress bar.
    'upload.progressLabel': 'Progresso do envio de {name}',
    // Alt text of the photo's thumbnail.
    'preview.image': 'Prévia de {name}',
    // A chosen PDF.
    'preview.pdf': 'Arquivo PDF · {size} · {pages} pág.',
    // A chosen PDF without a page count.
    'preview.pdfNoPages': 'Arquivo PDF · {size}',
    // Heading above quality warnings.
    'quality.heading': 'Confira a foto antes de enviar:',
    // Quality: blurry.
    'quality.blurry':
      'A foto parece desfocada. Apoie o celular e aproxime devagar até as letras ficarem nítidas.',
    // Quality: too dark.
    'quality.dark': 'A foto está escura demais. Vá para um lugar mais claro ou acenda a luz.',
    // Quality: too bright.
    'quality.bright': 'A foto está clara demais. Saia do sol direto e desligue o flash.',
    // Quality: glare over the document.
    'quality.glare':
      'Há um reflexo sobre o documento. Evite a luz direta sobre ele: incline-o um pouco ou desligue o flash.',
    // Quality: too small.
    'quality.small':
      'A foto é pequena demais para ler os dados. Aproxime a câmera ou envie a foto original.',
    // Selfie quality: blurry.
    'quality.face.blurry': 'A selfie saiu tremida. Segure o celular firme e fique parado.',
    // Selfie quality: too dark.
    'quality.face.dark': 'Seu rosto está escuro demais. Fique de frente para uma luz.',
    // Selfie quality: too bright.
    'quality.face.bright': 'A selfie está clara demais. Saia do sol direto e desligue o flash.',
    // Selfie quality: glare on the face.
    'quality.face.glare': 'Há um reflexo forte no rosto. Fique de frente para uma luz suave.',
    // Selfie quality: too small.
    'quality.face.small': 'A selfie é pequena demais. Tire outra com a câmera do celular.',
    // Sends anyway.
    'quality.sendAnyway': 'Enviar assim mesmo',
    // Chooses another photo.
    'quality.chooseAnother': 'Escolher outra',
    // Takes another photo with the camera.
    'quality.takeAnother': 'Tirar outra foto',
    // Takes another selfie.
    'quality.takeAnotherSelfie': 'Tirar outra selfie',

    // Name of the viewfinder dialog; `{label}` is the document.
    'viewfinder.title': 'Fotografar: {label}',
    // Viewfinder while the camera starts.
    'viewfinder.starting': 'Abrindo a câmera…',
    // Hint: frame the document in the outline.
    'viewfinder.hint.aim': 'Enquadre o documento no contorno.',
    // Hint (selfie): frame the face in the oval.
    'viewfinder.hint.face': 'Enquadre o rosto no oval.',
    // Hint: the frame is blurred.
    'viewfinder.hint.blurry': 'Desfocado: aproxime devagar e segure firme.',
    // Hint: too dark.
    'viewfinder.hint.dark': 'Escuro demais: procure mais luz.',
    // Hint: too bright.
    'viewfinder.hint.bright': 'Claro demais: saia da luz direta.',
    // Hint: a reflection on the document.
    'viewfinder.hint.glare': 'Reflexo no documento: incline-o um pouco.',
    // Hint: too far or too small.
    'viewfinder.hint.far': 'Aproxime a câmera.',
    // Hint: the camera moves.
    'viewfinder.hint.steady': 'Segure o celular parado.',
    // Hint: good and steady, about to take the photo.
    'viewfinder.hint.good': 'Ótimo! Segure assim…',
    // The shutter button.
    'viewfinder.shutter': 'Tirar foto agora',
    // Button: open the phone's camera app instead.
    'viewfinder.cameraApp': 'Usar o app da câmera',
    // Button: choose a file instead.
    'viewfinder.chooseFile': 'Escolher arquivo',
    // Button that closes the viewfinder.
    'viewfinder.close': 'Fechar câmera',
    // Toggle of the camera's light, where it has one.
    'viewfinder.torch': 'Lanterna',
    // Card line when the camera cannot be used in the page.
    'viewfinder.failed': 'Não deu para abrir a câmera aqui; use o app da câmera.',

    // Top line: documents sent.
    'summary.progress': '{done} de {total} documentos enviados.',
    // Top line: documents missing.
    'summary.missing': 'Falta enviar: {labels}.',

    // Note on a data item.
    'data.note': 'A ser completado em outra etapa do cadastro',
    // Heading of the data items.
    'data.heading': 'Outras pendências',
    // Button that starts biometrics.
    'biometrics.start': 'Fazer a biometria',
    // Note on biometrics when the host offers no button.
    'biometrics.note': 'A biometria é feita em outra etapa do cadastro',

    // Button that offers to continue on the phone.
    'handoff.start': 'Continuar no celular',
    // Name of the hand-off panel.
    'handoff.title': 'Continue no seu celular',
    // Hand-off panel while the link is made.
    'handoff.issuing': 'Criando um link para o seu celular…',
    // Hand-off panel: instructions beside the QR code.
    'handoff.waiting':
      'Aponte a câmera do celular para o código ou abra o link nele. O que você enviar aparece aqui.',
    // Alternative text of the QR code.
    'handoff.qr': 'Código QR do link para o seu celular',
    // Label of the link's text field.
    'handoff.link': 'Link para o celular',
    // Button that copies the link.
    'handoff.copy': 'Copiar link',
    // Shown after the link was copied.
    'handoff.copied': 'Link copiado',
    // Time the link still works; {time} is m:ss.
    'handoff.timeLeft': 'O link funciona por mais {time}, uma vez.',
    // Hand-off panel once the phone opened the link.
    'handoff.used': 'Aberto no celular. O que você enviar por lá aparece aqui.',
    // Hand-off panel when the link expired.
    'handoff.expired': 'Este link expirou.',
    // Hand-off panel when the link could not be made; {message}.
    'handoff.failed': 'Não foi possível criar o link. {message}',
    // Button that makes a new link.
    'handoff.again': 'Criar outro link',
    // Button that closes the hand-off panel.
    'handoff.close': 'Fechar',
    // Note when the proxy offers no hand-off.
    'handoff.unavailable': 'Continuar no celular não está disponível aqui.',
    // Phone, once every document is sent.
    'handoff.done': 'Tudo enviado. Pode voltar ao computador.',
    // Under the QR code: the digits to type on the phone; {code}.
    'handoff.code': 'No celular, digite o código {code}',
    // Button that ends the phone's session.
    'handoff.end': 'Encerrar no celular',
    // Under the QR code when the link names this machine; {host}.
    'handoff.loopback': 'Um celular não abre {host}: defina handoff.publicOrigin no proxy.',

    // Live region: status change.
    'announce.status': '{label}: {status}',
    // Live region: file sent.
    'announce.uploaded': '{label}: {name} enviado, em análise',
    // Live region: failure.
    'announce.error': '{label}: {message}',
    // Live region: cancelled.
    'announce.cancelled': '{label}: envio cancelado',
    // Live region: quality warnings.
    'announce.quality': '{label}: {message} Envie assim mesmo ou escolha outra foto.',

    // Label of ccmei.
    'label.ccmei': 'Certificado MEI (CCMEI)',
    // Label of cnh.
    'label.cnh': 'CNH (carteira de motorista)',
    // Label of selfie.
    'label.selfie': 'Selfie',
    // Label of identity_card_front.
    'label.identity_card_front': 'RG (frente)',
    // Label of identity_card_back.
    'label.identity_card_back': 'RG (verso)',
    // Label of proof_of_address.
    'label.proof_of_address': 'Comprovante de endereço',
    // Label of proof_of_income.
    'label.proof_of_income': 'Comprovante de renda',
    // Label of biometrics.
    'label.biometrics': 'Biometria facial',
    // Label of articles_of_association.
    'label.articles_of_association': 'Contrato social',
    // Label of cnpj_card.
    'label.cnpj_card': 'Cartão CNPJ',
    // Label of passport.
    'label.passport': 'Passaporte',

    // Validation: empty file.
    'error.file_empty': 'O arquivo {name} está vazio.',
    // Validation or API: too large.
    'error.file_too_large': 'O arquivo {name} passa do limite de {max}.',
    // Validation: HEIC photo.
    'error.file_heic':
      'Fotos HEIC/HEIF (padrão do iPhone) não são aceitas. Envie em JPEG ou PNG: no iPhone, Ajustes > Câmera > Formatos > Mais compatível.',
    // Validation: wrong type.
    'error.file_type_unsupported': 'O arquivo {name} não é PDF, JPEG nem PNG.',
    // Validation: a PDF for a photo-only document.
    'error.file_photo_required':
      '{name} não é uma foto. Este documento aceita só foto JPEG ou PNG.',
    // Validation: disguised file.
    'error.file_disguised':
      'O nome de {name} diz uma coisa, mas o conteúdo não é um PDF, JPEG ou PNG de verdade.',
    // Validation: truncated file.
    'error.file_corrupt': 'O arquivo {name} parece incompleto ou corrompido.',
    // Validation: password-protected PDF.
    'error.file_encrypted': 'O PDF {name} está protegido por senha. Envie uma versão sem senha.',
    // Validation: an image no browser opens.
    'error.image_undecodable':
      'Não foi possível abrir a imagem {name}. Exporte-a como JPEG e envie de novo.',
    // Validation: too many pixels.
    'error.image_too_large':
      'A foto {name} tem {megapixels} megapixels, mais do que dá para preparar aqui (até {maxMegapixels}). Tire a foto numa resolução menor.',
    // Validation: unreadable.
    'error.file_unreadable': 'Não foi possível ler o arquivo {name}. Tente escolher de novo.',
    // Validation: several files.
    'error.too_many_files': 'Envie um arquivo por vez para este documento.',
    // Validation: a folder.
    'error.folder': 'Pastas não são aceitas. Escolha um único arquivo PDF, JPEG ou PNG.',

    // API 400: not multipart.
    'error.invalid_content_type': 'O envio chegou num formato inesperado. Tente de novo.',
    // API 400: unreadable body.
    'error.malformed_body': 'O envio chegou incompleto. Tente de novo.',
    // API 400: no file.
    'error.missing_file': 'Nenhum arquivo chegou ao servidor. Escolha o arquivo de novo.',
    // API 401: session expired.
    'error.token_expired': 'Sua sessão expirou. Entre de novo para continuar.',
    // API 401: not signed in.
    'error.invalid_token': 'Você precisa entrar de novo para continuar.',
    // API 401: the site's credentials refused.
    'error.invalid_client':
      'O serviço de análise recusou as credenciais do site. Tente mais tarde.',
    // Proxy 401: not signed in to the host.
    'error.unauthenticated': 'Você não está conectado. Entre na sua conta para continuar.',
    // API 404: no customer.
    'error.customer_not_found': 'Cadastro não encontrado.',
    // API 409: biometrics session open.
    'error.session_already_active': 'Já existe uma sessão de biometria aberta.',
    // API 422: required field.
    'error.missing_required_field': 'Falta um dado obrigatório no cadastro.',
    // API 422: KYC incomplete.
    'error.kyc_incomplete': 'Ainda faltam documentos no cadastro.',
    // API 422: type not asked.
    'error.invalid_document_type': 'Este documento não é pedido neste cadastro.',
    // API 422: server says wrong bytes.
    'error.unsupported_file_type': 'O servidor recusou o arquivo: ele não é PDF, JPEG nem PNG.',
    // API 422: already in review.
    'error.document_locked': 'Este documento já está em análise ou aprovado.',
    // API 422: key reused.
    'error.idempotency_key_reused':
      'Este envio conflita com um anterior. Escolha o arquivo de novo.',
    // API 429: rate limit.
    'error.rate_limit_exceeded': 'Muitas tentativas seguidas. Aguarde um pouco e tente de novo.',
    // API 500.
    'error.internal_error': 'O serviço de análise falhou. Tente de novo em instantes.',
    // Proxy: provider unreachable.
    'error.provider_unreachable':
      'O serviço de análise está fora do ar. Tente de novo em instantes.',
    // Proxy: provider timeout.
    'error.provider_timeout': 'O serviço de análise demorou demais. Tente de novo.',
    // Proxy: provider error.
    'error.provider_error': 'O serviço de análise respondeu com erro. Tente de novo em instantes.',
    // Proxy: credentials refused.
    'error.provider_auth_failed': 'O serviço de análise está indisponível no momento.',
    // Proxy: unreadable provider answer.
    'error.invalid_provider_response': 'O serviço de análise respondeu de forma inesperada.',
    // Client: network.
    'error.network_error': 'Sem conexão com o servidor. Verifique sua internet.',
    // Client: timeout.
    'error.timeout': 'O servidor demorou demais para responder.',
    // Client: cancelled.
    'error.aborted': 'Envio cancelado.',
    // Client: odd answer.
    'error.invalid_response': 'O servidor respondeu de forma inesperada.',
    // Anything else.
    'error.generic': 'Algo deu errado. Tente de novo.',
  },
}
