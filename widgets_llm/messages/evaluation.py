"""Messages of model evaluation and base-vs-tuned comparison."""

MESSAGES = {
    "evaluation.length_mismatch": {
        "es": "Hay {texts} textos pero {references} resúmenes de referencia: cada texto necesita su resumen.",
        "en": "There are {texts} texts but {references} reference summaries: every text needs its summary.",
    },
    "evaluation.length_mismatch.suggestion": {
        "es": "Evalúa con la parte de validación o de prueba de tus datos, donde cada texto tiene su resumen.",
        "en": "Evaluate with the validation or test part of your data, where every text has its summary.",
    },
    "evaluation.stopped": {
        "es": "La evaluación se detuvo antes de terminar ({done} de {total} pasos): no hay resultados a medias.",
        "en": "The evaluation stopped before it finished ({done} of {total} steps): there are no partial results.",
    },
    "evaluation.stopped.suggestion": {
        "es": "Vuelve a evaluar cuando quieras. Para que tarde menos, usa menos ejemplos o resúmenes más cortos.",
        "en": "Evaluate again whenever you like. To make it quicker, use fewer examples or shorter summaries.",
    },
    "evaluation.base_unavailable": {
        "es": "No se puede recuperar el modelo base de «{name}» para compararlo con el entrenado.",
        "en": "The base model of '{name}' cannot be recovered to compare it with the trained one.",
    },
    "evaluation.base_unavailable.suggestion": {
        "es": "Carga el modelo base por tu cuenta (por ejemplo desde una carpeta) y pásalo a la comparación.",
        "en": "Load the base model yourself (for example from a folder) and pass it to the comparison.",
    },
}
