"""Messages of the command line."""

MESSAGES = {
    "cli.description": {
        "es": "Afina un modelo pequeño para resumir tus textos, en privado, y comprueba si mejoró.",
        "en": "Fine-tune a small model to summarize your texts, privately, and check whether it improved.",
    },
    "cli.data.found": {
        "es": "Archivo: {source}\nFormato: {format} · codificación: {encoding} · separador: {delimiter}\nColumnas: {columns}\nColumna de texto: «{text_column}» · columna de resumen: «{summary_column}» ({reason})\nFilas leídas: {rows_in} · filas conservadas: {rows_kept}",
        "en": "File: {source}\nFormat: {format} · encoding: {encoding} · delimiter: {delimiter}\nColumns: {columns}\nText column: '{text_column}' · summary column: '{summary_column}' ({reason})\nRows read: {rows_in} · rows kept: {rows_kept}",
    },
    "cli.data.split": {
        "es": "División: {train} para entrenar, {validation} para validar, {test} para la prueba final.",
        "en": "Split: {train} to train, {validation} to validate, {test} for the final test.",
    },
    "cli.cleaning": {"es": "Limpieza:", "en": "Cleaning:"},
    "cli.train.loading_data": {"es": "Leyendo los datos…", "en": "Reading the data…"},
    "cli.train.loading_model": {"es": "Preparando el modelo «{model}»…", "en": "Preparing the model '{model}'…"},
    "cli.train.model_ready": {
        "es": "Modelo listo: {label} · {params} parámetros ({trainable} entrenables)",
        "en": "Model ready: {label} · {params} parameters ({trainable} trainable)",
    },
    "cli.train.start": {"es": "Entrenando ({precision})…", "en": "Training ({precision})…"},
    "cli.train.log": {
        "es": "paso {step}/{max_steps} · pérdida {loss:.4f} · {elapsed} · quedan {eta}",
        "en": "step {step}/{max_steps} · loss {loss:.4f} · {elapsed} · {eta} left",
    },
    "cli.train.eval": {
        "es": "paso {step}/{max_steps} · pérdida de validación {eval_loss:.4f} · perplejidad {perplexity:.2f}",
        "en": "step {step}/{max_steps} · validation loss {eval_loss:.4f} · perplexity {perplexity:.2f}",
    },
    "cli.train.extra_texts": {
        "es": "Textos adicionales para el calentamiento: {count} (de {path})",
        "en": "Extra texts for the warm-up: {count} (from {path})",
    },
    "cli.train.evaluating": {"es": "Evaluando con los ejemplos de prueba…", "en": "Evaluating on the test examples…"},
    "cli.train.saved": {"es": "Ejecución guardada en {path}", "en": "Run saved in {path}"},
    "cli.interrupted": {
        "es": "Detenido por el usuario. Se guardó el último punto de control.",
        "en": "Stopped by the user. The last checkpoint was kept.",
    },
    "cli.metrics.header": {"es": "Resultados con {n} ejemplos:", "en": "Results on {n} examples:"},
    "cli.metrics.row": {"es": "{name:<22} {rouge1:6.1f} {rouge2:6.1f} {rougeL:6.1f} {rougeLsum:6.1f}", "en": "{name:<22} {rouge1:6.1f} {rouge2:6.1f} {rougeL:6.1f} {rougeLsum:6.1f}"},
    "cli.metrics.columns": {"es": "{name:<22} {a:>6} {b:>6} {c:>6} {d:>6}", "en": "{name:<22} {a:>6} {b:>6} {c:>6} {d:>6}"},
    "cli.metrics.model": {"es": "modelo", "en": "model"},
    "cli.metrics.base": {"es": "modelo base", "en": "base model"},
    "cli.metrics.tuned": {"es": "modelo afinado", "en": "tuned model"},
    "cli.metrics.lead": {"es": "primera oración (ref.)", "en": "first sentence (ref.)"},
    "cli.metrics.perplexity": {"es": "Perplejidad: {value:.2f}", "en": "Perplexity: {value:.2f}"},
    "cli.metrics.explain": {
        "es": "ROUGE (0-100) mide cuántas palabras comparte cada resumen con el resumen de referencia; más es mejor. «primera oración» es un resumen trivial que el modelo debería superar.",
        "en": "ROUGE (0-100) measures how many words each summary shares with the reference summary; higher is better. 'first sentence' is a trivial summary the model should beat.",
    },
    "cli.compare.example": {
        "es": "Ejemplo {n}\n  Referencia:  {reference}\n  Base:        {base}\n  Afinado:     {tuned}",
        "en": "Example {n}\n  Reference:   {reference}\n  Base:        {base}\n  Tuned:       {tuned}",
    },
    "cli.summarize.no_input": {
        "es": "Falta el texto que resumir.",
        "en": "The text to summarize is missing.",
    },
    "cli.summarize.no_input.suggestion": {
        "es": "Usa --text \"...\" o --file archivo.txt (uno o varios textos separados por una línea en blanco, o un archivo de datos).",
        "en": "Use --text \"...\" or --file file.txt (one or more texts separated by a blank line, or a data file).",
    },
    "cli.demo.intro": {
        "es": "Demostración con el ejemplo incluido y el modelo sin conexión: entrenar, evaluar y comparar.",
        "en": "Demo on the bundled example with the offline model: train, evaluate and compare.",
    },
}
