"""Messages about downloading a model from the Hugging Face Hub: progress and what went wrong."""

MESSAGES = {
    # ----------------------------------------------------------------- progress
    "download.progress": {
        "es": "Descargando {name}: {percent} ({done} de {total})",
        "en": "Downloading {name}: {percent} ({done} of {total})",
    },
    "download.progress.eta": {"es": "quedan {eta}", "en": "{eta} left"},
    "download.progress.done": {
        "es": "{name} descargado: {total} en {elapsed}.",
        "en": "{name} downloaded: {total} in {elapsed}.",
    },
    "download.progress.cached": {
        "es": "{name} ya está en esta computadora ({total}): no hace falta descargarlo.",
        "en": "{name} is already on this computer ({total}): nothing to download.",
    },
    # ----------------------------------------------------------------- errors
    "download.cancelled": {
        "es": "Se canceló la descarga de «{name}» ({done} de {total}).",
        "en": "The download of '{name}' was cancelled ({done} of {total}).",
    },
    "download.cancelled.suggestion": {
        "es": "Lo ya descargado queda guardado: si vuelves a elegir el modelo, la descarga sigue donde se quedó.",
        "en": "What was downloaded is kept: choose the model again and the download continues where it stopped.",
    },
    "download.repo_not_found": {
        "es": "Hugging Face Hub no tiene ningún modelo público llamado «{name}»: o ese nombre no existe, o es un modelo privado y no iniciaste sesión (el Hub responde lo mismo en los dos casos).",
        "en": "The Hugging Face Hub has no public model called '{name}': either the name does not exist, or it is a private model and you are not logged in (the Hub answers the same in both cases).",
    },
    "download.repo_not_found.suggestion": {
        "es": "Revisa cómo está escrito: organización/modelo, con las mismas mayúsculas y guiones que en la página del modelo. Si es privado, inicia sesión con un token de acceso (hf auth login, o la variable HF_TOKEN). También puedes usar el modelo sin conexión («offline»).",
        "en": "Check the spelling: organization/model, with the same capitals and hyphens as on the model's page. If it is private, log in with an access token (hf auth login, or the HF_TOKEN variable). You can also use the offline model ('offline').",
    },
    "download.gated": {
        "es": "El modelo «{name}» es de acceso restringido: su autor pide aceptar unas condiciones antes de descargarlo, y esta cuenta aún no tiene acceso.",
        "en": "The model '{name}' is gated: its author asks you to accept some conditions before downloading it, and this account has no access yet.",
    },
    "download.gated.suggestion": {
        "es": "Abre {url}, acepta las condiciones con tu cuenta de Hugging Face y luego inicia sesión aquí con un token de acceso (hf auth login, o la variable HF_TOKEN). Mientras tanto puedes usar el modelo sin conexión («offline»).",
        "en": "Open {url}, accept the conditions with your Hugging Face account, then log in here with an access token (hf auth login, or the HF_TOKEN variable). Meanwhile you can use the offline model ('offline').",
    },
    "download.no_connection": {
        "es": "No hay conexión con Hugging Face Hub ({endpoint}), así que no se puede descargar «{name}», y no está guardado en esta computadora.",
        "en": "There is no connection to the Hugging Face Hub ({endpoint}), so '{name}' cannot be downloaded, and it is not saved on this computer.",
    },
    "download.no_connection.suggestion": {
        "es": "Comprueba la conexión a internet y vuelve a intentarlo, o usa el modelo sin conexión («offline»), que se crea aquí mismo.",
        "en": "Check the internet connection and try again, or use the offline model ('offline'), which is built right here.",
    },
    "download.connection_lost": {
        "es": "Se cortó la conexión mientras se descargaba «{name}» (iban {done} de {total}).",
        "en": "The connection was lost while downloading '{name}' ({done} of {total} done).",
    },
    "download.connection_lost.suggestion": {
        "es": "Vuelve a intentarlo cuando haya conexión: la descarga sigue donde se quedó, sin empezar de cero. Mientras tanto puedes usar el modelo sin conexión («offline»).",
        "en": "Try again when there is a connection: the download continues where it stopped instead of starting over. Meanwhile you can use the offline model ('offline').",
    },
    "download.offline_mode": {
        "es": "El modo sin conexión de Hugging Face está activado (variable HF_HUB_OFFLINE o TRANSFORMERS_OFFLINE), así que «{name}» no se descarga, y no está guardado en esta computadora.",
        "en": "Hugging Face's offline mode is on (the HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE variable), so '{name}' is not downloaded, and it is not saved on this computer.",
    },
    "download.offline_mode.suggestion": {
        "es": "Quita esa variable (o ponla a 0) y vuelve a abrir el programa para descargarlo, o usa el modelo sin conexión («offline»).",
        "en": "Remove that variable (or set it to 0) and start the program again to download it, or use the offline model ('offline').",
    },
    "download.revision_not_found": {
        "es": "El modelo «{name}» existe, pero no tiene la versión «{revision}».",
        "en": "The model '{name}' exists, but it has no version '{revision}'.",
    },
    "download.revision_not_found.suggestion": {
        "es": "Usa la versión principal («main») o una de las que aparecen en la página del modelo.",
        "en": "Use the main version ('main') or one listed on the model's page.",
    },
    "download.invalid_name": {
        "es": "«{name}» no es una carpeta de esta computadora ni un nombre válido de modelo de Hugging Face Hub.",
        "en": "'{name}' is neither a folder on this computer nor a valid Hugging Face Hub model name.",
    },
    "download.invalid_name.suggestion": {
        "es": "Los modelos del Hub se llaman organización/modelo (por ejemplo flax-community/spanish-t5-small); si es una carpeta, revisa la ruta.",
        "en": "Hub models are named organization/model (for example flax-community/spanish-t5-small); if it is a folder, check the path.",
    },
    "download.hub_error": {
        "es": "Hugging Face Hub respondió con un error (HTTP {status}) al descargar «{name}».",
        "en": "The Hugging Face Hub answered with an error (HTTP {status}) while downloading '{name}'.",
    },
    "download.hub_error.suggestion": {
        "es": "Suele ser pasajero: vuelve a intentarlo en unos minutos; lo ya descargado se conserva.",
        "en": "It is usually temporary: try again in a few minutes; what was downloaded is kept.",
    },
    "download.no_weights": {
        "es": "En Hugging Face Hub, «{name}» no tiene pesos que PyTorch pueda leer (model.safetensors o pytorch_model.bin): solo trae pesos para otras bibliotecas, o ninguno.",
        "en": "On the Hugging Face Hub, '{name}' has no weights PyTorch can read (model.safetensors or pytorch_model.bin): only weights for other libraries, or none.",
    },
    "download.no_weights.suggestion": {
        "es": "Elige otro modelo del catálogo, o el modelo sin conexión («offline»).",
        "en": "Choose another model from the catalog, or the offline model ('offline').",
    },
    "download.disk_full": {
        "es": "No queda espacio en el disco para descargar «{name}» ({total}) en {folder}.",
        "en": "There is no disk space left to download '{name}' ({total}) into {folder}.",
    },
    "download.disk_full.suggestion": {
        "es": "Libera espacio, o elige otra carpeta para los modelos con la variable HF_HOME, y vuelve a intentarlo: la descarga sigue donde se quedó.",
        "en": "Free some space, or choose another folder for models with the HF_HOME variable, and try again: the download continues where it stopped.",
    },
}
