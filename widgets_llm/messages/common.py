"""Messages shared by every area."""

MESSAGES = {
    "error.unexpected": {
        "es": "Ocurrió un error inesperado: {detail}",
        "en": "An unexpected error occurred: {detail}",
    },
    "error.unexpected.suggestion": {
        "es": "Vuelve a intentarlo; si se repite, guarda este mensaje y avísanos.",
        "en": "Try again; if it happens again, keep this message and tell us.",
    },
    "error.unexpected.suggestion_log": {
        "es": "Vuelve a intentarlo; si se repite, avísanos y adjunta el archivo {log}: guarda los detalles del error (en tu computadora; no se envía a ningún sitio).",
        "en": "Try again; if it happens again, tell us and attach the file {log}: it keeps the details of the error (on your computer; it is not sent anywhere).",
    },
    "error.label": {"es": "Error", "en": "Error"},
    "error.suggestion_label": {"es": "Qué hacer", "en": "What to do"},
    "warning.label": {"es": "Aviso", "en": "Warning"},
}
