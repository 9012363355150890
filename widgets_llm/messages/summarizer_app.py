"""Messages of the SummarizerApp (summarize new texts with a saved training)."""

MESSAGES = {
    "summarizer.intro": {
        "es": "Usa un modelo que ya entrenaste para resumir textos nuevos. Todo ocurre en esta "
        "computadora: tus textos no salen de aquí.",
        "en": "Use a model you already trained to summarize new texts. Everything happens on "
        "this computer: your texts never leave it.",
    },
    # step 1: the run
    "summarizer.run.title": {"es": "1. Elige el entrenamiento guardado", "en": "1. Choose the saved training"},
    "summarizer.run.help": {
        "es": "Elige de la lista un entrenamiento que guardaste en el estudio, o escribe la carpeta "
        "donde está, y pulsa «Cargar».",
        "en": "Pick from the list a training you saved in the studio, or type the folder where "
        "it is, and press «Load».",
    },
    "summarizer.run.list": {"es": "Guardados:", "en": "Saved:"},
    "summarizer.run.none_found": {
        "es": "No hay entrenamientos guardados en «{folder}» todavía. Entrena y guarda uno en el "
        "estudio, o escribe abajo la carpeta de uno.",
        "en": "There are no saved trainings in «{folder}» yet. Train and save one in the studio, "
        "or type the folder of one below.",
    },
    "summarizer.run.option": {"es": "{name} ({created})", "en": "{name} ({created})"},
    "summarizer.run.path": {"es": "Carpeta:", "en": "Folder:"},
    "summarizer.run.path_placeholder": {"es": "runs/mi_entrenamiento", "en": "runs/my_training"},
    "summarizer.run.refresh": {"es": "Actualizar lista", "en": "Refresh list"},
    "summarizer.run.load": {"es": "Cargar", "en": "Load"},
    "summarizer.run.loading": {"es": "Cargando el modelo de «{name}»…", "en": "Loading the model of «{name}»…"},
    "summarizer.run.loaded": {
        "es": "Modelo listo: «{name}» ({model}). Ya puedes resumir.",
        "en": "Model ready: «{name}» ({model}). You can summarize now.",
    },
    "summarizer.run.no_path": {
        "es": "No elegiste ningún entrenamiento.",
        "en": "You did not choose any training.",
    },
    "summarizer.run.no_path.suggestion": {
        "es": "Elige uno de la lista o escribe su carpeta.",
        "en": "Pick one from the list or type its folder.",
    },
    # step 2: the texts
    "summarizer.texts.title": {"es": "2. Escribe o sube los textos", "en": "2. Type or upload the texts"},
    "summarizer.tab.paste": {"es": "Pegar textos", "en": "Paste texts"},
    "summarizer.tab.file": {"es": "Subir un archivo", "en": "Upload a file"},
    "summarizer.paste.help": {
        "es": "Pega uno o varios textos. Deja una línea en blanco entre un texto y el siguiente.",
        "en": "Paste one or more texts. Leave a blank line between one text and the next.",
    },
    "summarizer.paste.placeholder": {
        "es": "Primer texto…\n\nSegundo texto…",
        "en": "First text…\n\nSecond text…",
    },
    "summarizer.file.help": {
        "es": "Sube un archivo .txt (textos separados por una línea en blanco) o una tabla "
        "(CSV, TSV, JSON, JSON Lines, Parquet, Excel) con una columna de textos.",
        "en": "Upload a .txt file (texts separated by a blank line) or a table (CSV, TSV, JSON, "
        "JSON Lines, Parquet, Excel) with a column of texts.",
    },
    "summarizer.file.button": {"es": "Subir archivo", "en": "Upload file"},
    "summarizer.file.column": {"es": "Columna con los textos:", "en": "Column with the texts:"},
    "summarizer.file.read": {
        "es": "«{name}»: {count} textos encontrados.",
        "en": "«{name}»: {count} texts found.",
    },
    "summarizer.file.no_text_column": {
        "es": "«{name}» no tiene ninguna columna con textos.",
        "en": "«{name}» has no column with texts.",
    },
    "summarizer.file.no_text_column.suggestion": {
        "es": "Revisa que el archivo tenga una columna con textos (no solo números), o sube un .txt.",
        "en": "Check that the file has a column with texts (not only numbers), or upload a .txt.",
    },
    "summarizer.texts.count": {"es": "Textos para resumir: {count}", "en": "Texts to summarize: {count}"},
    # step 3: summarize
    "summarizer.run_step.title": {"es": "3. Resume", "en": "3. Summarize"},
    "summarizer.summarize": {"es": "Resumir", "en": "Summarize"},
    "summarizer.summarize.tooltip": {
        "es": "Escribe un resumen de cada texto con el modelo cargado",
        "en": "Write a summary of each text with the loaded model",
    },
    "summarizer.progress": {"es": "Resumiendo: {done} de {total} textos…", "en": "Summarizing: {done} of {total} texts…"},
    "summarizer.done": {"es": "Listo. Textos resumidos: {count}.", "en": "Done. Texts summarized: {count}."},
    "summarizer.cancelled": {
        "es": "Cancelado: se resumieron {done} de {total} textos.",
        "en": "Cancelled: {done} of {total} texts were summarized.",
    },
    "summarizer.no_model": {"es": "Todavía no hay un modelo cargado.", "en": "No model is loaded yet."},
    "summarizer.no_model.suggestion": {
        "es": "Elige un entrenamiento guardado en el paso 1 y pulsa «Cargar».",
        "en": "Choose a saved training in step 1 and press «Load».",
    },
    "summarizer.no_texts": {"es": "No hay textos para resumir.", "en": "There are no texts to summarize."},
    "summarizer.no_texts.suggestion": {
        "es": "Pega al menos un texto en el paso 2 o sube un archivo.",
        "en": "Paste at least one text in step 2 or upload a file.",
    },
    # results
    "summarizer.results.title": {"es": "Resultados", "en": "Results"},
    "summarizer.results.text": {"es": "Texto", "en": "Text"},
    "summarizer.results.summary": {"es": "Resumen", "en": "Summary"},
    "summarizer.results.more": {
        "es": "Se muestran {shown} de {total}; el archivo CSV los tiene todos.",
        "en": "Showing {shown} of {total}; the CSV file has them all.",
    },
    "summarizer.download": {"es": "Descargar los resultados (CSV)", "en": "Download the results (CSV)"},
    "summarizer.download.help": {
        "es": "El archivo tiene dos columnas, el texto («text») y su resumen («summary»), y se abre en Excel con las tildes bien.",
        "en": "The file has two columns, text and summary, and opens in Excel with accents intact.",
    },
    "summarizer.empty_summary": {"es": "(sin resumen)", "en": "(no summary)"},
}
