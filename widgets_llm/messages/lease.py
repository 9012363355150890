"""Messages of the model's lease: what to say when the model is busy with other work."""

MESSAGES = {
    "lease.busy": {
        "es": "El modelo está ocupado {holder}, así que ahora no puede {wanted}.",
        "en": "The model is busy {holder}, so it cannot {wanted} now.",
    },
    "lease.busy.suggestion": {
        "es": "Espera a que termine (o detenlo) y vuelve a intentarlo: dos trabajos a la vez con el mismo modelo se estropearían el uno al otro.",
        "en": "Wait until it ends (or stop it) and try again: two jobs on the same model at once would spoil each other.",
    },
    "lease.purpose.training": {"es": "entrenando", "en": "training"},
    "lease.purpose.estimate": {"es": "midiendo la estimación de tiempo", "en": "measuring the time estimate"},
    "lease.purpose.generation": {"es": "escribiendo resúmenes", "en": "writing summaries"},
    "lease.purpose.evaluation": {"es": "evaluando", "en": "evaluating"},
    "lease.purpose.copy": {"es": "copiando el modelo de partida", "en": "copying the starting model"},
    "lease.purpose.restore": {"es": "volviendo al modelo de partida", "en": "going back to the starting model"},
    "lease.purpose.saving": {"es": "guardándose", "en": "being saved"},
    "lease.action.saving": {"es": "guardarse", "en": "be saved"},
    "lease.action.training": {"es": "entrenar", "en": "train"},
    "lease.action.estimate": {"es": "medir la estimación de tiempo", "en": "measure the time estimate"},
    "lease.action.generation": {"es": "escribir resúmenes", "en": "write summaries"},
    "lease.action.evaluation": {"es": "evaluar", "en": "evaluate"},
    "lease.action.copy": {"es": "copiar el modelo de partida", "en": "copy the starting model"},
    "lease.action.restore": {"es": "volver al modelo de partida", "en": "go back to the starting model"},
}
