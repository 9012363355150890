"""Messages of the DatasetUploader widget (keys start with ``uploader.``)."""

MESSAGES = {
    "uploader.title": {"es": "Tus datos", "en": "Your data"},
    "uploader.intro": {
        "es": "Elige una tabla con una fila por ejemplo: una columna con el texto completo y otra con su resumen. Formatos: {formats}.",
        "en": "Choose a table with one row per example: one column with the full text and another with its summary. Formats: {formats}.",
    },
    # Where the data comes from
    "uploader.tab.upload": {"es": "Desde tu computadora", "en": "From your computer"},
    "uploader.tab.server": {"es": "Carpeta del servidor", "en": "Server folder"},
    "uploader.tab.example": {"es": "Ejemplo incluido", "en": "Bundled example"},
    "uploader.tab.hub": {"es": "Hugging Face Hub", "en": "Hugging Face Hub"},
    "uploader.upload.button": {"es": "Elegir archivo", "en": "Choose file"},
    "uploader.upload.help": {
        "es": "Sube un archivo de tu computadora (así funciona en Google Colab). Se lee aquí mismo y no se guarda ni se envía a ningún otro sitio.",
        "en": "Upload a file from your computer (this is what works in Google Colab). It is read right here and is not saved or sent anywhere else.",
    },
    "uploader.server.help": {
        "es": "Archivos que ya están en el servidor de Jupyter, dentro de la carpeta «{folder}». Tu archivo solo se lee: nunca se cambia.",
        "en": "Files already on the Jupyter server, inside the folder «{folder}». Your file is only read: it is never changed.",
    },
    "uploader.server.select": {"es": "Elegir", "en": "Choose"},
    "uploader.server.change": {"es": "Cambiar", "en": "Change"},
    "uploader.server.outside": {
        "es": "El archivo «{path}» está fuera de la carpeta permitida «{folder}».",
        "en": "The file «{path}» is outside the allowed folder «{folder}».",
    },
    "uploader.server.outside.suggestion": {
        "es": "Copia el archivo dentro de la carpeta «{folder}» y elígelo de nuevo.",
        "en": "Copy the file into the folder «{folder}» and choose it again.",
    },
    "uploader.server.not_a_file": {
        "es": "No se eligió ningún archivo.",
        "en": "No file was chosen.",
    },
    "uploader.server.not_a_file.suggestion": {
        "es": "Pulsa «Elegir», haz clic en un archivo de la lista y pulsa «Elegir» otra vez.",
        "en": "Press «Choose», click a file in the list and press «Choose» again.",
    },
    "uploader.data_dir_missing": {
        "es": "La carpeta de datos «{path}» no existe.",
        "en": "The data folder «{path}» does not exist.",
    },
    "uploader.data_dir_missing.suggestion": {
        "es": "Indica en data_dir una carpeta que exista, o déjalo vacío para usar la carpeta actual.",
        "en": "Give data_dir a folder that exists, or leave it empty to use the current folder.",
    },
    "uploader.example.help": {
        "es": "{count} textos inventados en español (noticias, ciencia, recetas, viajes…) con su resumen. Sirve para probar todo el proceso sin tus propios datos.",
        "en": "{count} invented Spanish texts (news, science, recipes, travel…) with their summaries. Good for trying the whole process without your own data.",
    },
    "uploader.example.button": {"es": "Usar el ejemplo incluido", "en": "Use the bundled example"},
    "uploader.hub.label": {"es": "Nombre en el Hub", "en": "Name on the Hub"},
    "uploader.hub.placeholder": {"es": "usuario/nombre-del-conjunto", "en": "user/dataset-name"},
    "uploader.hub.button": {"es": "Cargar del Hub", "en": "Load from the Hub"},
    "uploader.hub.help": {
        "es": "Un conjunto de datos público de Hugging Face, por su nombre. Necesita conexión a internet.",
        "en": "A public Hugging Face dataset, by its name. Needs an internet connection.",
    },
    "uploader.hub.empty": {
        "es": "Falta el nombre del conjunto de datos.",
        "en": "The dataset name is missing.",
    },
    "uploader.hub.empty.suggestion": {
        "es": "Escribe el nombre tal como aparece en Hugging Face, con la forma «usuario/nombre».",
        "en": "Type the name as it appears on Hugging Face, in the form «user/name».",
    },
    # Progress
    "uploader.status.reading": {"es": "Leyendo «{name}»…", "en": "Reading «{name}»…"},
    "uploader.status.read": {
        "es": "Se leyó «{name}»: {rows} filas y {columns} columnas ({format}).",
        "en": "Read «{name}»: {rows} rows and {columns} columns ({format}).",
    },
    "uploader.status.preparing": {
        "es": "Limpiando y dividiendo los datos…",
        "en": "Cleaning and splitting the data…",
    },
    "uploader.status.ready": {
        "es": "Datos listos para entrenar.",
        "en": "Data ready for training.",
    },
    "uploader.status.failed": {
        "es": "No se pudo terminar. Lee el mensaje de abajo.",
        "en": "Could not finish. Read the message below.",
    },
    # Preview and columns
    "uploader.preview.title": {"es": "Primeras filas", "en": "First rows"},
    "uploader.preview.shown": {
        "es": "Se muestran {shown} de {rows} filas. Los textos largos aparecen recortados.",
        "en": "Showing {shown} of {rows} rows. Long texts appear shortened.",
    },
    "uploader.columns.title": {"es": "Columnas", "en": "Columns"},
    "uploader.columns.text": {"es": "Texto", "en": "Text"},
    "uploader.columns.summary": {"es": "Resumen", "en": "Summary"},
    "uploader.columns.help": {
        "es": "Comprueba que la columna del texto completo y la del resumen son las correctas; si no, cámbialas.",
        "en": "Check that the full-text column and the summary column are right; if not, change them.",
    },
    # Cleaning options
    "uploader.cleaning.title": {"es": "Limpieza", "en": "Cleaning"},
    "uploader.cleaning.help": {
        "es": "Los valores de partida sirven para casi todos los datos. La limpieza trabaja sobre una copia: tu archivo no cambia.",
        "en": "The starting values suit almost all data. Cleaning works on a copy: your file does not change.",
    },
    "uploader.cleaning.strip_html": {"es": "Quitar etiquetas HTML", "en": "Remove HTML tags"},
    "uploader.cleaning.drop_duplicates": {"es": "Quitar pares repetidos", "en": "Remove repeated pairs"},
    "uploader.cleaning.normalize_unicode": {
        "es": "Unificar letras con acento (Unicode)",
        "en": "Unify accented letters (Unicode)",
    },
    "uploader.cleaning.collapse_whitespace": {
        "es": "Juntar espacios y quitar líneas en blanco",
        "en": "Merge spaces and remove blank lines",
    },
    "uploader.cleaning.min_text_words": {"es": "Mínimo de palabras del texto", "en": "Minimum words in the text"},
    "uploader.cleaning.min_summary_words": {"es": "Mínimo de palabras del resumen", "en": "Minimum words in the summary"},
    "uploader.cleaning.max_text_words": {
        "es": "Máximo de palabras del texto (0 = sin límite)",
        "en": "Maximum words in the text (0 = no limit)",
    },
    "uploader.cleaning.max_summary_words": {
        "es": "Máximo de palabras del resumen (0 = sin límite)",
        "en": "Maximum words in the summary (0 = no limit)",
    },
    "uploader.cleaning.on_too_long": {"es": "Si pasa del máximo", "en": "If over the maximum"},
    "uploader.cleaning.on_too_long.truncate": {"es": "Recortarlo", "en": "Cut it"},
    "uploader.cleaning.on_too_long.drop": {"es": "Quitar el par", "en": "Remove the pair"},
    "uploader.cleaning.on_summary_not_shorter": {
        "es": "Si el resumen no es más corto que el texto",
        "en": "If the summary is not shorter than the text",
    },
    "uploader.cleaning.on_summary_not_shorter.drop": {
        "es": "Quitar el par (recomendado)",
        "en": "Remove the pair (recommended)",
    },
    "uploader.cleaning.on_summary_not_shorter.flag": {
        "es": "Conservarlo y avisar",
        "en": "Keep it and warn",
    },
    # Split
    "uploader.split.title": {"es": "División", "en": "Split"},
    "uploader.split.help": {
        "es": "Una parte de los pares se aparta para vigilar el entrenamiento (validación) y otra para la prueba final, que el modelo no ve al entrenar. La semilla fija el reparto: con la misma semilla sale siempre igual.",
        "en": "Part of the pairs is set aside to watch training (validation) and another part for the final test, which the model never sees while training. The seed fixes the split: the same seed always gives the same split.",
    },
    "uploader.split.validation": {"es": "Validación (fracción)", "en": "Validation (fraction)"},
    "uploader.split.test": {"es": "Prueba (fracción)", "en": "Test (fraction)"},
    "uploader.split.seed": {"es": "Semilla", "en": "Seed"},
    "uploader.options_title": {"es": "Opciones de limpieza y división", "en": "Cleaning and split options"},
    # Preparing and the report
    "uploader.prepare": {"es": "Preparar datos", "en": "Prepare data"},
    "uploader.prepare.tooltip": {
        "es": "Limpia los pares y los divide en entrenamiento, validación y prueba",
        "en": "Cleans the pairs and splits them into training, validation and test",
    },
    "uploader.nothing_read": {
        "es": "Todavía no hay datos que preparar.",
        "en": "There is no data to prepare yet.",
    },
    "uploader.nothing_read.suggestion": {
        "es": "Elige primero un archivo, el ejemplo incluido o un conjunto del Hub.",
        "en": "First choose a file, the bundled example or a Hub dataset.",
    },
    "uploader.report.title": {"es": "Resultado de la limpieza", "en": "Cleaning result"},
    "uploader.report.reason": {"es": "Motivo", "en": "Reason"},
    "uploader.report.rows": {"es": "Filas", "en": "Rows"},
    "uploader.report.nothing_changed": {
        "es": "No hubo que quitar ni cambiar ninguna fila.",
        "en": "No row had to be removed or changed.",
    },
    "uploader.report.dropped_title": {"es": "Filas quitadas", "en": "Rows removed"},
    "uploader.report.flagged_title": {"es": "Filas conservadas con cambios o avisos", "en": "Rows kept with changes or warnings"},
    "uploader.report.split_title": {"es": "Conjuntos", "en": "Sets"},
}
