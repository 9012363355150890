"""Messages of the command line."""

MESSAGES = {
    "cli.description": {
        "es": "Entrena un modelo pequeño para resumir tus textos, en privado, y comprueba si mejoró.",
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
        "es": "paso {step}/{max_steps} · pérdida {loss} · {elapsed} · quedan {eta}",
        "en": "step {step}/{max_steps} · loss {loss} · {elapsed} · {eta} left",
    },
    "cli.train.eval": {
        "es": "paso {step}/{max_steps} · pérdida de validación {eval_loss} · perplejidad {perplexity}",
        "en": "step {step}/{max_steps} · validation loss {eval_loss} · perplexity {perplexity}",
    },
    "cli.train.extra_texts": {
        "es": "Textos adicionales para el calentamiento: {count} (de {path})",
        "en": "Extra texts for the warm-up: {count} (from {path})",
    },
    "cli.train.evaluating": {"es": "Evaluando con los ejemplos de prueba…", "en": "Evaluating on the test examples…"},
    "cli.train.saved": {"es": "Entrenamiento guardado en {path}", "en": "Run saved in {path}"},
    "cli.interrupted": {
        "es": "Detenido por el usuario. Se guardó el último punto de control.",
        "en": "Stopped by the user. The last checkpoint was kept.",
    },
    "cli.metrics.header": {"es": "Resultados con {n} ejemplos:", "en": "Results on {n} examples:"},
    "cli.metrics.row": {"es": "{name:<22} {rouge1:6.1f} {rouge2:6.1f} {rougeL:6.1f} {rougeLsum:6.1f}", "en": "{name:<22} {rouge1:6.1f} {rouge2:6.1f} {rougeL:6.1f} {rougeLsum:6.1f}"},
    "cli.metrics.columns": {"es": "{name:<22} {a:>6} {b:>6} {c:>6} {d:>6}", "en": "{name:<22} {a:>6} {b:>6} {c:>6} {d:>6}"},
    "cli.metrics.model": {"es": "modelo", "en": "model"},
    "cli.metrics.base": {"es": "modelo base", "en": "base model"},
    "cli.metrics.tuned": {"es": "modelo entrenado", "en": "tuned model"},
    "cli.metrics.lead": {"es": "primera oración (ref.)", "en": "first sentence (ref.)"},
    "cli.metrics.perplexity": {"es": "Perplejidad: {value}", "en": "Perplexity: {value}"},
    "cli.metrics.explain": {
        "es": "ROUGE (0-100) mide cuántas palabras comparte cada resumen con el resumen de referencia; más es mejor. «primera oración» es un resumen trivial que el modelo debería superar.",
        "en": "ROUGE (0-100) measures how many words each summary shares with the reference summary; higher is better. 'first sentence' is a trivial summary the model should beat.",
    },
    "cli.compare.example": {
        "es": "Ejemplo {n}\n  Referencia:  {reference}\n  Base:        {base}\n  Entrenado:   {tuned}",
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
    # ---- the parser: a bad value of a training setting, headings and the help of every option
    "cli.option.invalid": {
        "es": "Valor no válido para {option}: {problem}",
        "en": "Invalid value for {option}: {problem}",
    },
    "cli.parser.usage": {"es": "uso: ", "en": "usage: "},
    "cli.parser.positionals": {"es": "argumentos", "en": "arguments"},
    "cli.parser.options": {"es": "opciones", "en": "options"},
    "cli.parser.commands": {"es": "órdenes", "en": "commands"},
    "cli.parser.settings": {"es": "ajustes del entrenamiento", "en": "training settings"},
    "cli.parser.settings.description": {
        "es": "Cada ajuste que escribas reemplaza el del perfil (--preset) o el del archivo (--config); los demás se quedan como están. Los decimales pueden llevar coma o punto.",
        "en": "Each setting you give replaces the one from the preset (--preset) or the file (--config); the others stay as they are. Decimals may use a comma or a point.",
    },
    "cli.usage.train": {
        "es": "%(prog)s --data ARCHIVO --output CARPETA [--model MODELO] [--preset PERFIL | --config ARCHIVO] [ajustes…]\n"
              "       %(prog)s --config recipe.yaml [opciones que cambian la receta…]",
        "en": "%(prog)s --data FILE --output FOLDER [--model MODEL] [--preset PRESET | --config FILE] [settings…]\n"
              "       %(prog)s --config recipe.yaml [options that change the recipe…]",
    },
    "cli.command.data": {"es": "lee y limpia un archivo de pares", "en": "read and clean a file of pairs"},
    "cli.command.train": {"es": "entrena o afina un modelo", "en": "fine-tune a model"},
    "cli.command.evaluate": {"es": "evalúa un entrenamiento guardado", "en": "evaluate a run"},
    "cli.command.compare": {"es": "compara el modelo base con el entrenado", "en": "compare the base model with the tuned one"},
    "cli.command.summarize": {"es": "resume textos nuevos", "en": "summarize new texts"},
    "cli.command.experiments": {"es": "tabla de entrenamientos guardados", "en": "table of saved runs"},
    "cli.command.compare-runs": {"es": "compara dos entrenamientos", "en": "compare two runs"},
    "cli.command.sweep": {"es": "barrido de ajustes", "en": "sweep settings"},
    "cli.command.demo": {"es": "demostración completa sin conexión", "en": "full offline demo"},
    "cli.metavar.file": {"es": "ARCHIVO", "en": "FILE"},
    "cli.metavar.folder": {"es": "CARPETA", "en": "FOLDER"},
    "cli.metavar.model": {"es": "MODELO", "en": "MODEL"},
    "cli.metavar.column": {"es": "COLUMNA", "en": "COLUMN"},
    "cli.metavar.text": {"es": "TEXTO", "en": "TEXT"},
    "cli.help.help": {"es": "muestra esta ayuda y termina", "en": "show this help and exit"},
    "cli.help.lang": {"es": "idioma de los mensajes (es: español, en: inglés)", "en": "language of the messages (es: Spanish, en: English)"},
    "cli.help.debug": {"es": "muestra el error completo, con el detalle técnico", "en": "show the full error, with the technical detail"},
    "cli.help.json": {"es": "escribe el resultado como JSON", "en": "write the result as JSON"},
    "cli.help.file": {
        "es": "archivo de pares texto–resumen (CSV, Excel, JSON…) o el ejemplo incluido ejemplo_es",
        "en": "file of text–summary pairs (CSV, Excel, JSON…) or the bundled example ejemplo_es",
    },
    "cli.help.data": {
        "es": "archivo de pares texto–resumen para entrenar (CSV, Excel, JSON…) o ejemplo_es",
        "en": "file of text–summary pairs to train on (CSV, Excel, JSON…) or ejemplo_es",
    },
    "cli.help.eval_data": {
        "es": "archivo de pares texto–resumen con los que evaluar (o ejemplo_es)",
        "en": "file of text–summary pairs to evaluate on (or ejemplo_es)",
    },
    "cli.help.text_column": {"es": "columna con los textos (si no, se elige sola)", "en": "column with the texts (chosen for you otherwise)"},
    "cli.help.summary_column": {"es": "columna con los resúmenes (si no, se elige sola)", "en": "column with the summaries (chosen for you otherwise)"},
    "cli.help.model": {
        "es": "offline (el modelo sin conexión, creado con tus textos), un ID del Hub o la carpeta de un modelo",
        "en": "offline (the offline model, built from your texts), a Hub ID or a model folder",
    },
    "cli.help.config": {
        "es": "una receta (recipe.yaml: datos, modelo, ajustes y carpeta de salida; cada entrenamiento guardado "
              "tiene la suya) o un archivo YAML/JSON de configuración (el config.yaml de un entrenamiento); "
              "sustituye a --preset; las opciones que des mandan sobre sus valores",
        "en": "a recipe (recipe.yaml: data, model, settings and output folder; every saved run holds its own) "
              "or a YAML/JSON configuration file (a run's config.yaml); replaces --preset; the options you "
              "give override its values",
    },
    "cli.train.missing_option": {
        "es": "Falta {option}: dalo en la orden, o usa una receta con --config recipe.yaml.",
        "en": "{option} is missing: give it on the command line, or use a recipe with --config recipe.yaml.",
    },
    "cli.train.missing_option.suggestion": {
        "es": "Por ejemplo: widgets-llm train --data datos.csv --output runs/mi_modelo",
        "en": "For example: widgets-llm train --data data.csv --output runs/my_model",
    },
    "cli.help.preset": {
        "es": "perfil predefinido: fast (rápido), balanced (equilibrado, el habitual) o quality (calidad)",
        "en": "preset: fast, balanced (the usual one) or quality",
    },
    "cli.help.extra_texts": {
        "es": "textos sin resumen para el calentamiento: .txt, .docx, tabla o carpeta",
        "en": "plain texts without summaries for the warm-up: .txt, .docx, a table or a folder",
    },
    "cli.help.extra_texts_column": {
        "es": "columna de textos de --extra-texts si es una tabla",
        "en": "text column of --extra-texts when it is a table",
    },
    "cli.help.output": {"es": "carpeta donde guardar el entrenamiento", "en": "folder to save the run in"},
    "cli.help.run_dir": {"es": "carpeta de un entrenamiento guardado", "en": "folder of a saved run"},
    "cli.help.runs_dir": {"es": "carpeta con entrenamientos guardados (por ejemplo un barrido)", "en": "folder with saved runs (say a sweep)"},
    "cli.help.run_a": {"es": "primer entrenamiento (carpeta)", "en": "first run (folder)"},
    "cli.help.run_b": {"es": "segundo entrenamiento (carpeta)", "en": "second run (folder)"},
    "cli.help.compare_data": {"es": "evalúa las dos con este archivo", "en": "evaluate both on this file"},
    "cli.help.text": {"es": "el texto que resumir", "en": "the text to summarize"},
    "cli.help.texts_file": {
        "es": "archivo con los textos: .txt (separados por una línea en blanco) o una tabla",
        "en": "file with the texts: .txt (separated by a blank line) or a table",
    },
    "cli.help.max_new_tokens": {"es": "largo máximo de cada resumen, en tokens", "en": "maximum length of each summary, in tokens"},
    "cli.help.num_beams": {
        "es": "cuántas opciones explora el modelo al escribir (1: la más rápida)",
        "en": "how many options the model explores while writing (1: the fastest)",
    },
    "cli.help.sweep_model": {"es": "offline | ID del Hub | carpeta", "en": "offline | Hub ID | folder"},
    "cli.help.sweep_config": {"es": "archivo YAML/JSON de configuración base", "en": "base YAML/JSON configuration file"},
    "cli.help.grid": {
        "es": "ajuste y valores (hasta 3 veces; decimales con punto)",
        "en": "setting and values (up to 3 times)",
    },
    "cli.help.sweep_output": {"es": "carpeta del barrido (una subcarpeta por entrenamiento)", "en": "folder of the sweep (one subfolder per run)"},
    "cli.help.resume": {"es": "continúa un barrido detenido", "en": "continue a stopped sweep"},
    "cli.help.demo_output": {"es": "carpeta donde guardar la demostración", "en": "folder to save the demo in"},
}
