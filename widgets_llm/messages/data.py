"""Messages of the data step: reading a file, choosing columns, cleaning and splitting."""

MESSAGES = {
    # ---- reading: where the data comes from
    "data.file_not_found": {
        "es": "No encuentro el archivo «{path}».",
        "en": "The file «{path}» cannot be found.",
    },
    "data.file_not_found.suggestion": {
        "es": "Revisa que la ruta y el nombre estén bien escritos (incluida la extensión, como .csv o .xlsx), o sube el archivo con el botón de carga.",
        "en": "Check that the path and name are spelled right (extension included, such as .csv or .xlsx), or upload the file with the upload button.",
    },
    "data.label.no_extension": {"es": "sin extensión", "en": "no extension"},
    "data.path_is_directory": {
        "es": "«{path}» es una carpeta, no un archivo.",
        "en": "«{path}» is a folder, not a file.",
    },
    "data.path_is_directory.suggestion": {
        "es": "Elige el archivo de datos que está dentro de la carpeta.",
        "en": "Choose the data file inside the folder.",
    },
    "data.unsupported_format": {
        "es": "No sé leer archivos «{extension}» («{name}»).",
        "en": "Files of type «{extension}» cannot be read («{name}»).",
    },
    "data.unsupported_format.suggestion": {
        "es": "Guarda tus datos en uno de estos formatos: {formats}. Desde Excel o una hoja de cálculo, usa «Guardar como» y elige .xlsx o CSV.",
        "en": "Save your data in one of these formats: {formats}. From Excel or a spreadsheet, use «Save as» and choose .xlsx or CSV.",
    },
    "data.file_too_large": {
        "es": "El archivo «{name}» ocupa {size_mb} MB y el límite es {limit_mb} MB.",
        "en": "The file «{name}» is {size_mb} MB and the limit is {limit_mb} MB.",
    },
    "data.file_too_large.suggestion": {
        "es": "Divide el archivo en partes más pequeñas o quédate con una muestra de filas (unos miles de pares bastan para empezar) y vuelve a cargarlo. Desde código puedes subir el límite con el parámetro max_bytes.",
        "en": "Split the file into smaller parts or keep a sample of rows (a few thousand pairs are enough to start) and load it again. From code you can raise the limit with the max_bytes parameter.",
    },
    "data.empty_file": {
        "es": "El archivo «{name}» está vacío.",
        "en": "The file «{name}» is empty.",
    },
    "data.empty_file.suggestion": {
        "es": "Comprueba que elegiste el archivo correcto y que se guardó con tus textos dentro.",
        "en": "Check that you chose the right file and that it was saved with your texts in it.",
    },
    "data.no_rows": {
        "es": "El archivo «{name}» tiene nombres de columnas ({columns}) pero ninguna fila de datos.",
        "en": "The file «{name}» has column names ({columns}) but no data rows.",
    },
    "data.no_rows.suggestion": {
        "es": "Añade tus textos y resúmenes debajo de la fila de encabezados, una pareja por fila.",
        "en": "Add your texts and summaries below the header row, one pair per row.",
    },
    "data.binary_content": {
        "es": "El archivo «{name}» no parece un archivo de texto: tiene contenido binario que no se puede leer como {format}.",
        "en": "The file «{name}» does not look like a text file: it has binary content that cannot be read as {format}.",
    },
    "data.binary_content.suggestion": {
        "es": "Abre el archivo en tu hoja de cálculo y expórtalo con «Guardar como» → «CSV UTF-8», o guárdalo como .xlsx.",
        "en": "Open the file in your spreadsheet and export it with «Save as» → «CSV UTF-8», or save it as .xlsx.",
    },
    "data.binary_content.looks_like_excel": {
        "es": "Parece un libro de Excel con la extensión cambiada: renómbralo a .xlsx, o ábrelo en Excel y usa «Guardar como» → «CSV UTF-8».",
        "en": "It looks like an Excel workbook with a changed extension: rename it to .xlsx, or open it in Excel and use «Save as» → «CSV UTF-8».",
    },
    "data.unreadable": {
        "es": "No pude leer «{name}» como {format}: el archivo parece dañado o no es de ese tipo ({detail}).",
        "en": "«{name}» could not be read as {format}: the file looks damaged or is not of that type ({detail}).",
    },
    "data.unreadable.suggestion": {
        "es": "Abre el archivo en el programa con el que lo creaste y vuelve a guardarlo, o expórtalo como CSV.",
        "en": "Open the file in the program that created it and save it again, or export it as CSV.",
    },
    "data.json_invalid": {
        "es": "El archivo JSON «{name}» tiene un error de formato cerca de la línea {line}: {detail}.",
        "en": "The JSON file «{name}» has a format error near line {line}: {detail}.",
    },
    "data.json_invalid.suggestion": {
        "es": "Revisa esa línea (suele faltar una coma, unas comillas o una llave). Si cada línea es un objeto aparte, guarda el archivo con la extensión .jsonl.",
        "en": "Check that line (usually a missing comma, quote or brace). If each line is a separate object, save the file with the .jsonl extension.",
    },
    "data.json_structure": {
        "es": "El archivo JSON «{name}» no tiene forma de tabla.",
        "en": "The JSON file «{name}» is not shaped like a table.",
    },
    "data.json_structure.suggestion": {
        "es": "Usa una lista de objetos, como [{{\"texto\": \"...\", \"resumen\": \"...\"}}, ...], o un objeto con esa lista en \"data\", o un objeto con una lista por columna.",
        "en": "Use a list of objects, like [{{\"text\": \"...\", \"summary\": \"...\"}}, ...], or an object with that list under \"data\", or an object with one list per column.",
    },
    "data.jsonl_invalid_line": {
        "es": "La línea {line} de «{name}» no es un objeto JSON válido.",
        "en": "Line {line} of «{name}» is not a valid JSON object.",
    },
    "data.jsonl_invalid_line.suggestion": {
        "es": "En un archivo .jsonl cada línea debe ser un objeto completo, como {{\"texto\": \"...\", \"resumen\": \"...\"}}. Corrige o borra esa línea.",
        "en": "In a .jsonl file each line must be a complete object, like {{\"text\": \"...\", \"summary\": \"...\"}}. Fix or delete that line.",
    },
    "data.missing_dependency": {
        "es": "Para leer archivos {format} hace falta el paquete «{package}», que no está instalado.",
        "en": "Reading {format} files needs the «{package}» package, which is not installed.",
    },
    "data.missing_dependency.suggestion": {
        "es": "Instálalo con «pip install {package}» o guarda tus datos como CSV.",
        "en": "Install it with «pip install {package}» or save your data as CSV.",
    },
    "data.upload_invalid": {
        "es": "No entiendo el origen de datos recibido ({kind}).",
        "en": "The data source received is not understood ({kind}).",
    },
    "data.upload_invalid.suggestion": {
        "es": "Indica la ruta de un archivo, el nombre de un ejemplo (como «ejemplo_es») o sube un archivo.",
        "en": "Give a file path, the name of an example (such as «ejemplo_es») or upload a file.",
    },
    "data.example_unknown": {
        "es": "No existe un ejemplo llamado «{name}».",
        "en": "There is no example called «{name}».",
    },
    "data.example_unknown.suggestion": {
        "es": "Los ejemplos incluidos son: {examples}.",
        "en": "The bundled examples are: {examples}.",
    },
    # ---- the Hugging Face Hub
    "data.hub_offline": {
        "es": "No hay conexión a internet para descargar el conjunto de datos «{name}» del Hub de Hugging Face.",
        "en": "There is no internet connection to download the dataset «{name}» from the Hugging Face Hub.",
    },
    "data.hub_offline.suggestion": {
        "es": "Sube tus datos como archivo (CSV, Excel, JSON...) o usa el ejemplo incluido «ejemplo_es». Si querías un archivo de tu computadora, revisa la ruta y la extensión.",
        "en": "Upload your data as a file (CSV, Excel, JSON...) or use the bundled example «ejemplo_es». If you meant a file on your computer, check the path and extension.",
    },
    "data.hub_not_found": {
        "es": "El conjunto de datos «{name}» no existe en el Hub de Hugging Face o no es público.",
        "en": "The dataset «{name}» does not exist on the Hugging Face Hub or is not public.",
    },
    "data.hub_not_found.suggestion": {
        "es": "Revisa que el nombre tenga la forma «organización/nombre», o sube tus datos como archivo.",
        "en": "Check that the name has the form «organization/name», or upload your data as a file.",
    },
    "data.hub_failed": {
        "es": "No se pudo cargar «{name}» del Hub de Hugging Face: {detail}",
        "en": "«{name}» could not be loaded from the Hugging Face Hub: {detail}",
    },
    "data.hub_failed.suggestion": {
        "es": "Descarga los datos como archivo (CSV o JSON) y súbelos, o usa el ejemplo incluido «ejemplo_es».",
        "en": "Download the data as a file (CSV or JSON) and upload it, or use the bundled example «ejemplo_es».",
    },
    # ---- columns
    "data.column_missing": {
        "es": "La columna «{column}» no está en tus datos. Columnas disponibles: {columns}.",
        "en": "The column «{column}» is not in your data. Available columns: {columns}.",
    },
    "data.column_missing.suggestion": {
        "es": "Elige una de las columnas disponibles (fíjate en mayúsculas y tildes).",
        "en": "Choose one of the available columns (mind capitals and accents).",
    },
    "data.column_numeric": {
        "es": "La columna «{column}» solo tiene números, no textos.",
        "en": "The column «{column}» holds only numbers, not texts.",
    },
    "data.column_numeric.suggestion": {
        "es": "Elige columnas que contengan frases. Columnas con texto: {text_columns}.",
        "en": "Choose columns that contain sentences. Columns with text: {text_columns}.",
    },
    "data.same_column": {
        "es": "Elegiste la misma columna («{column}») para el texto y para el resumen.",
        "en": "You chose the same column («{column}») for the text and for the summary.",
    },
    "data.same_column.suggestion": {
        "es": "El texto y el resumen deben estar en columnas distintas.",
        "en": "The text and the summary must be in different columns.",
    },
    "data.too_few_text_columns": {
        "es": "Hacen falta dos columnas con texto (una con el texto y otra con su resumen), pero encontré {count}. Columnas leídas: {columns}.",
        "en": "Two columns with text are needed (one with the text, one with its summary), but {count} were found. Columns read: {columns}.",
    },
    "data.too_few_text_columns.suggestion": {
        "es": "Comprueba que el archivo tiene una columna de textos y otra de resúmenes. Si ves todo en una sola columna, el separador no es el esperado: guarda el archivo como CSV separado por comas, punto y coma o tabuladores.",
        "en": "Check that the file has a column of texts and another of summaries. If everything shows up in one column, the separator is not the expected one: save the file as CSV separated by commas, semicolons or tabs.",
    },
    "data.columns_ambiguous": {
        "es": "No pude decidir qué columna es el texto y cuál el resumen entre: {columns}.",
        "en": "It was not possible to tell which column is the text and which the summary among: {columns}.",
    },
    "data.columns_ambiguous.suggestion": {
        "es": "Elige tú las columnas del texto y del resumen.",
        "en": "Choose the text and summary columns yourself.",
    },
    "data.columns.reason.user": {
        "es": "Usando las columnas elegidas: texto = «{text}», resumen = «{summary}».",
        "en": "Using the chosen columns: text = «{text}», summary = «{summary}».",
    },
    "data.columns.reason.name": {
        "es": "Columnas reconocidas por su nombre: texto = «{text}», resumen = «{summary}».",
        "en": "Columns recognized by their name: text = «{text}», summary = «{summary}».",
    },
    "data.columns.reason.length": {
        "es": "Columnas elegidas por su longitud (la más larga como texto, la siguiente como resumen): texto = «{text}», resumen = «{summary}».",
        "en": "Columns chosen by length (the longest as text, the next as summary): text = «{text}», summary = «{summary}».",
    },
    "data.columns.reason.mixed": {
        "es": "Columnas elegidas en parte por su longitud: texto = «{text}», resumen = «{summary}».",
        "en": "Columns chosen partly by length: text = «{text}», summary = «{summary}».",
    },
    "data.columns_swapped": {
        "es": "En casi todas las filas el resumen («{summary}») es más largo que el texto («{text}»), así que no queda ningún par útil: parece que las columnas están al revés.",
        "en": "In almost every row the summary («{summary}») is longer than the text («{text}»), so no usable pair is left: the columns seem to be the wrong way round.",
    },
    "data.columns_swapped.suggestion": {
        "es": "Elige «{summary}» como columna del texto y «{text}» como columna del resumen.",
        "en": "Choose «{summary}» as the text column and «{text}» as the summary column.",
    },
    # ---- cleaning and splitting: errors
    "data.too_few_pairs": {
        "es": "Después de la limpieza quedan {count} pares de texto y resumen; hacen falta al menos {minimum}.",
        "en": "After cleaning, {count} text–summary pairs are left; at least {minimum} are needed.",
    },
    "data.too_few_pairs.suggestion": {
        "es": "Añade más ejemplos, revisa que elegiste bien las columnas del texto y del resumen, o mira el informe de limpieza para ver por qué se descartaron filas.",
        "en": "Add more examples, check that the text and summary columns are the right ones, or look at the cleaning report to see why rows were dropped.",
    },
    "data.lists_length_mismatch": {
        "es": "Hay {texts} textos pero {summaries} resúmenes; deben ser la misma cantidad.",
        "en": "There are {texts} texts but {summaries} summaries; they must be the same number.",
    },
    "data.lists_length_mismatch.suggestion": {
        "es": "Cada texto necesita exactamente un resumen, en el mismo orden.",
        "en": "Each text needs exactly one summary, in the same order.",
    },
    "data.split_invalid": {
        "es": "Las proporciones de validación ({validation}) y prueba ({test}) deben estar entre 0 y 1 y sumar menos de 1.",
        "en": "The validation ({validation}) and test ({test}) fractions must be between 0 and 1 and add up to less than 1.",
    },
    "data.split_invalid.suggestion": {
        "es": "Valores típicos: 0,1 para validación y 0,1 para prueba.",
        "en": "Typical values: 0.1 for validation and 0.1 for test.",
    },
    "data.cleaning_option_invalid": {
        "es": "La opción de limpieza «{option}» no admite el valor {value}.",
        "en": "The cleaning option «{option}» does not accept the value {value}.",
    },
    "data.cleaning_option_invalid.suggestion": {
        "es": "Valores válidos: {allowed}.",
        "en": "Valid values: {allowed}.",
    },
    # ---- warnings shown to the user (not errors)
    "data.warning.skipped_lines": {
        "es": "Se saltaron {count} líneas mal formadas del archivo (tenían más columnas que el encabezado), por ejemplo la línea {first_line}.",
        "en": "{count} malformed lines of the file were skipped (they had more columns than the header), for example line {first_line}.",
    },
    "data.warning.extra_sheets": {
        "es": "El libro de Excel tiene {count} hojas; solo se leyó la primera («{sheet}»).",
        "en": "The Excel workbook has {count} sheets; only the first («{sheet}») was read.",
    },
    "data.warning.hub_splits_merged": {
        "es": "Las particiones del conjunto de datos del Hub ({splits}) se unieron y se volverán a dividir.",
        "en": "The Hub dataset's splits ({splits}) were merged and will be split again.",
    },
    "data.warning.columns_by_length": {
        "es": "No reconocí las columnas por su nombre, así que las elegí por su longitud: texto = «{text}», resumen = «{summary}». Compruébalo en la vista previa.",
        "en": "The columns were not recognized by name, so they were chosen by length: text = «{text}», summary = «{summary}». Check it in the preview.",
    },
    "data.warning.missing": {
        "es": "Se descartaron {count} filas a las que les faltaba el texto o el resumen.",
        "en": "{count} rows missing the text or the summary were dropped.",
    },
    "data.warning.empty": {
        "es": "Se descartaron {count} filas con el texto o el resumen vacíos.",
        "en": "{count} rows with an empty text or summary were dropped.",
    },
    "data.warning.too_short": {
        "es": "Se descartaron {count} filas demasiado cortas (textos de menos de {min_text_words} palabras o resúmenes de menos de {min_summary_words}).",
        "en": "{count} rows that were too short were dropped (texts under {min_text_words} words or summaries under {min_summary_words}).",
    },
    "data.warning.too_long_truncated": {
        "es": "Se recortaron {count} textos o resúmenes demasiado largos a {max_text_words} palabras (textos) o {max_summary_words} (resúmenes).",
        "en": "{count} texts or summaries that were too long were cut to {max_text_words} words (texts) or {max_summary_words} (summaries).",
    },
    "data.warning.too_long": {
        "es": "Se descartaron {count} filas demasiado largas (textos de más de {max_text_words} palabras o resúmenes de más de {max_summary_words}).",
        "en": "{count} rows that were too long were dropped (texts over {max_text_words} words or summaries over {max_summary_words}).",
    },
    "data.warning.summary_not_shorter": {
        "es": "Se descartaron {count} filas cuyo resumen no es más corto que el texto.",
        "en": "{count} rows whose summary is not shorter than the text were dropped.",
    },
    "data.warning.summary_not_shorter_flagged": {
        "es": "Hay {count} filas cuyo resumen no es más corto que el texto; se conservaron, pero conviene revisarlas.",
        "en": "{count} rows have a summary that is not shorter than the text; they were kept, but worth checking.",
    },
    "data.warning.columns_maybe_swapped": {
        "es": "En la mayoría de las filas el resumen («{summary}») es más largo que el texto («{text}»): quizá las columnas están al revés.",
        "en": "In most rows the summary («{summary}») is longer than the text («{text}»): the columns may be swapped.",
    },
    "data.warning.duplicate": {
        "es": "Se descartaron {count} pares repetidos (mismo texto y mismo resumen).",
        "en": "{count} repeated pairs (same text and same summary) were dropped.",
    },
    "data.warning.duplicate_text": {
        "es": "{count} filas comparten el mismo texto con resúmenes distintos; se mantienen juntas al dividir los datos.",
        "en": "{count} rows share the same text with different summaries; they are kept together when splitting the data.",
    },
    "data.warning.html_stripped": {
        "es": "Se quitaron etiquetas o códigos HTML de {count} textos o resúmenes.",
        "en": "HTML tags or codes were removed from {count} texts or summaries.",
    },
    "data.warning.few_train_pairs": {
        "es": "Solo hay {count} pares para entrenar; con menos de {recommended} el modelo aprenderá poco. Añade más ejemplos si puedes.",
        "en": "Only {count} pairs are left for training; with fewer than {recommended} the model will learn little. Add more examples if you can.",
    },
    "data.warning.few_test_pairs": {
        "es": "Solo hay {count} pares para la prueba final; con menos de {recommended} las métricas (como ROUGE) serán poco fiables. Qué hacer: añade más pares a tu archivo, o sube la parte de prueba en «División» (por ejemplo a 0,2).",
        "en": "Only {count} pairs are left for the final test; with fewer than {recommended} the metrics (such as ROUGE) will be unreliable. What to do: add more pairs to your file, or raise the test share in «Split» (to 0.2, for instance).",
    },
    "data.warning.no_test_pairs": {
        "es": "No hay pares de prueba, así que no se podrá medir si el modelo mejoró con textos que no vio.",
        "en": "There are no test pairs, so it will not be possible to measure whether the model improved on unseen texts.",
    },
    # ---- labels for reports and tables in the interface
    "data.reason.missing": {"es": "Falta texto o resumen", "en": "Missing text or summary"},
    "data.reason.empty": {"es": "Vacío", "en": "Empty"},
    "data.reason.too_short": {"es": "Demasiado corto", "en": "Too short"},
    "data.reason.too_long": {"es": "Demasiado largo", "en": "Too long"},
    "data.reason.too_long_truncated": {"es": "Recortado por largo", "en": "Cut for length"},
    "data.reason.summary_not_shorter": {"es": "Resumen no más corto", "en": "Summary not shorter"},
    "data.reason.duplicate": {"es": "Par repetido", "en": "Repeated pair"},
    "data.reason.duplicate_text": {"es": "Texto repetido", "en": "Repeated text"},
    "data.reason.html_stripped": {"es": "HTML quitado", "en": "HTML removed"},
    "data.report.summary": {
        "es": "Se leyeron {rows_in} filas y quedaron {rows_kept} pares de texto y resumen ({rows_dropped} descartadas).",
        "en": "{rows_in} rows were read and {rows_kept} text–summary pairs were kept ({rows_dropped} dropped).",
    },
    "data.split.summary": {
        "es": "{train} pares para entrenar, {validation} para validación y {test} para la prueba final.",
        "en": "{train} pairs for training, {validation} for validation and {test} for the final test.",
    },
}
