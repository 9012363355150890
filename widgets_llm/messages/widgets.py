"""Messages shared by the widgets."""

MESSAGES = {
    "widgets.cancel": {"es": "Cancelar", "en": "Cancel"},
    "widgets.working": {"es": "Trabajando…", "en": "Working…"},
    "widgets.cancelled": {"es": "Cancelado.", "en": "Cancelled."},
    "widgets.done": {"es": "Listo.", "en": "Done."},
    "widgets.colab_enabled": {
        "es": "Google Colab detectado: se activó el gestor de widgets para que las gráficas se vean.",
        "en": "Google Colab detected: the widget manager was enabled so that charts show.",
    },
}
