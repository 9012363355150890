"""Messages of the GenerationPlayground widget (keys start with ``playground.``)."""

MESSAGES = {
    "playground.title": {"es": "Prueba el modelo", "en": "Try the model"},
    "playground.intro": {
        "es": "Pega un texto (o elige uno de tus datos de prueba) y pulsa «Resumir»: verás lado a lado lo que escribe el modelo antes de entrenar y después de entrenar.",
        "en": "Paste a text (or pick one of your test data) and press 'Summarize': you will see side by side what the model writes before training and after training.",
    },
    # The text
    "playground.text.label": {"es": "Texto", "en": "Text"},
    "playground.text.placeholder": {
        "es": "Pega aquí el texto que quieres resumir…",
        "en": "Paste here the text you want to summarize…",
    },
    "playground.example.label": {"es": "Ejemplo de prueba", "en": "Test example"},
    "playground.example.none": {"es": "(escribo mi propio texto)", "en": "(I write my own text)"},
    "playground.example.option": {"es": "{number}. {preview}", "en": "{number}. {preview}"},
    "playground.example.help": {
        "es": "Son textos que el modelo no vio al entrenar, así que sirven para ver si de verdad aprendió.",
        "en": "These are texts the model did not see during training, so they show whether it really learned.",
    },
    "playground.reference": {"es": "Resumen de referencia (escrito por una persona)", "en": "Reference summary (written by a person)"},
    # Settings
    "playground.settings.title": {"es": "Cómo se escriben los resúmenes", "en": "How summaries are written"},
    "playground.max_new_tokens.label": {"es": "Longitud máxima (tokens)", "en": "Maximum length (tokens)"},
    "playground.max_new_tokens.help": {
        "es": "El resumen se corta al llegar a este número de tokens (trozos de palabra). Más tokens permiten resúmenes más largos.",
        "en": "The summary stops when it reaches this many tokens (bits of words). More tokens allow longer summaries.",
    },
    "playground.num_beams.label": {"es": "Haces de búsqueda", "en": "Search beams"},
    "playground.num_beams.help": {
        "es": "Cuántos borradores prueba a la vez antes de quedarse con el mejor. 1 es lo más rápido; 4 suele dar resúmenes más estables, pero tarda más.",
        "en": "How many drafts it tries at once before keeping the best. 1 is fastest; 4 usually gives steadier summaries, but takes longer.",
    },
    "playground.do_sample.label": {"es": "Elegir palabras al azar (muestreo)", "en": "Pick words at random (sampling)"},
    "playground.do_sample.help": {
        "es": "Apagado: siempre escribe la palabra más probable (el mismo texto da siempre el mismo resumen). Encendido: elige al azar entre las probables, para resúmenes más variados.",
        "en": "Off: it always writes the most likely word (the same text always gives the same summary). On: it picks at random among likely words, for more varied summaries.",
    },
    "playground.temperature.label": {"es": "Temperatura", "en": "Temperature"},
    "playground.temperature.help": {
        "es": "Solo con muestreo. Por debajo de 1, más prudente; por encima de 1, más creativo (y más propenso a disparates).",
        "en": "Only with sampling. Below 1, more cautious; above 1, more creative (and more prone to nonsense).",
    },
    "playground.no_repeat_ngram_size.label": {"es": "No repetir grupos de", "en": "Do not repeat groups of"},
    "playground.no_repeat_ngram_size.help": {
        "es": "Prohíbe repetir cualquier grupo de este número de tokens seguidos (evita frases en bucle). 0 lo permite todo.",
        "en": "Forbids repeating any group of this many tokens in a row (avoids looping sentences). 0 allows everything.",
    },
    "playground.repetition_penalty.label": {"es": "Castigo a las repeticiones", "en": "Repetition penalty"},
    "playground.repetition_penalty.help": {
        "es": "Por encima de 1, las palabras ya escritas se vuelven menos probables. 1 no castiga nada.",
        "en": "Above 1, words already written become less likely. 1 penalizes nothing.",
    },
    # Actions and status
    "playground.generate": {"es": "Resumir", "en": "Summarize"},
    "playground.generate.tooltip": {
        "es": "Escribe el resumen con el modelo base y con el entrenado",
        "en": "Writes the summary with the base and the fine-tuned model",
    },
    "playground.status.loading_base": {
        "es": "Preparando el modelo base (el de antes de entrenar)…",
        "en": "Preparing the base model (the one before training)…",
    },
    "playground.status.generating": {
        "es": "Escribiendo el resumen con el {which}…",
        "en": "Writing the summary with the {which}…",
    },
    "playground.status.done": {"es": "Resúmenes listos.", "en": "Summaries ready."},
    "playground.status.failed": {
        "es": "No se pudo escribir el resumen. Lee el mensaje de abajo.",
        "en": "The summary could not be written. Read the message below.",
    },
    "playground.panel.base": {"es": "Modelo base", "en": "Base model"},
    "playground.panel.base.help": {"es": "antes de entrenar", "en": "before training"},
    "playground.panel.tuned": {"es": "Modelo entrenado", "en": "Fine-tuned model"},
    "playground.panel.tuned.help": {"es": "después de entrenar con tus datos", "en": "after training on your data"},
    "playground.panel.empty": {"es": "Todavía no hay resumen.", "en": "No summary yet."},
    "playground.panel.blank": {
        "es": "(el modelo no escribió nada)",
        "en": "(the model wrote nothing)",
    },
    "playground.which.base": {"es": "modelo base", "en": "base model"},
    "playground.which.tuned": {"es": "modelo entrenado", "en": "fine-tuned model"},
    "playground.no_base": {
        "es": "No se pudo preparar el modelo base, así que solo ves el resumen del modelo entrenado. Motivo: {reason}",
        "en": "The base model could not be prepared, so you only see the fine-tuned model's summary. Reason: {reason}",
    },
    # Errors
    "playground.empty_text": {"es": "No hay ningún texto que resumir.", "en": "There is no text to summarize."},
    "playground.empty_text.suggestion": {
        "es": "Pega un texto en el recuadro o elige un ejemplo de prueba.",
        "en": "Paste a text in the box or pick a test example.",
    },
    "playground.no_model": {"es": "Todavía no hay un modelo entrenado.", "en": "There is no trained model yet."},
    "playground.no_model.suggestion": {
        "es": "Entrena un modelo (o carga un entrenamiento guardado) y vuelve aquí.",
        "en": "Train a model (or load a saved run) and come back here.",
    },
    "playground.no_tokenizer": {
        "es": "El modelo no tiene tokenizador, así que no puede leer el texto.",
        "en": "The model has no tokenizer, so it cannot read the text.",
    },
    "playground.no_tokenizer.suggestion": {
        "es": "Vuelve a cargar el modelo: el tokenizador se guarda y se carga junto con él.",
        "en": "Load the model again: the tokenizer is saved and loaded together with it.",
    },
}
