"""Messages of evaluation scores (ROUGE, lead baseline, perplexity)."""

MESSAGES = {
    "scoring.no_examples": {
        "es": "No hay ningún resumen para evaluar.",
        "en": "There are no summaries to evaluate.",
    },
    "scoring.no_examples.suggestion": {
        "es": "Revisa que la parte de validación de tus datos tenga al menos un ejemplo "
        "con texto y resumen.",
        "en": "Check that the validation part of your data has at least one example with "
        "a text and a summary.",
    },
    "scoring.lead_sentences_invalid": {
        "es": "El resumen de comparación (las primeras frases de cada texto) necesita al menos "
        "una frase, y se pidieron {value}.",
        "en": "The baseline summary (the first sentences of each text) needs at least one "
        "sentence, and {value} were asked for.",
    },
    "scoring.lead_sentences_invalid.suggestion": {
        "es": "Elige un número entero de frases, 1 o más.",
        "en": "Choose a whole number of sentences, 1 or more.",
    },
}
