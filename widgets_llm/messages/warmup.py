"""Messages of the warm-up stage and of extra plain texts."""

MESSAGES = {
    # ---- kinds of example
    "warmup.kind.copy": {"es": "copiar una oración", "en": "copy a sentence"},
    "warmup.kind.shuffle": {"es": "copiar palabras en desorden, tal cual", "en": "copy shuffled words as they are"},
    "warmup.kind.denoise": {"es": "reconstruir una oración a la que le faltan palabras", "en": "rebuild a sentence with missing words"},
    "warmup.kind.lead": {"es": "escribir la primera oración de un fragmento", "en": "write the first sentence of a passage"},
    "warmup.kind.principal": {"es": "escribir la oración principal de un fragmento", "en": "write the main sentence of a passage"},
    # ---- the plan
    "warmup.plan.kind_count": {"es": "{count} de «{kind}»", "en": "{count} of '{kind}'"},
    "warmup.plan.summary": {
        "es": "Con tus {texts} textos ({sentences} oraciones) prepara {examples} ejercicios: {kinds}. Dura {steps} pasos; en los primeros {copy_first} solo copia y reconstruye. Después se entrena con tus pares texto-resumen.",
        "en": "From your {texts} texts ({sentences} sentences) it makes {examples} exercises: {kinds}. It lasts {steps} steps; in the first {copy_first} it only copies and rebuilds. Fine-tuning on your text-summary pairs follows.",
    },
    "warmup.plan.rehearsal": {
        "es": "Durante el entrenamiento con tus pares repasa {count} de esos ejercicios, para no olvidar lo aprendido.",
        "en": "During fine-tuning it goes over {count} of those exercises again, so as not to forget them.",
    },
    "warmup.plan.time": {"es": "El calentamiento tarda unos {time}.", "en": "The warm-up takes about {time}."},
    "warmup.reason.offline": {
        "es": "Calentamiento activado: el modelo sin conexión parte de cero y primero aprende a leer y copiar español de tus textos.",
        "en": "Warm-up on: the offline model starts from nothing and first learns to read and copy Spanish from your texts.",
    },
    "warmup.reason.on": {
        "es": "Calentamiento activado a pedido: el modelo practica con ejemplos hechos de tus textos antes de entrenarse con tus pares.",
        "en": "Warm-up on, as asked: the model practises on examples made from your texts before fine-tuning.",
    },
    "warmup.reason.off": {
        "es": "Sin calentamiento: se entrena directamente con tus pares (lo elegiste así).",
        "en": "No warm-up: fine-tuning on your pairs right away (as you chose).",
    },
    "warmup.reason.pretrained": {
        "es": "Sin calentamiento: un modelo preentrenado ya sabe escribir; se afina directamente con tus pares.",
        "en": "No warm-up: a pretrained model already writes well; it is fine-tuned on your pairs right away.",
    },
    "warmup.reason.no_sentences": {
        "es": "Sin calentamiento: tus textos son demasiado cortos para preparar ejercicios (hace falta al menos una oración de cinco palabras o más).",
        "en": "No warm-up: your texts are too short to make exercises from (at least one sentence of five words or more is needed).",
    },
    "warmup.reason.too_few_steps": {
        "es": "Sin calentamiento: con tan pocos pasos máximos no queda tiempo para él.",
        "en": "No warm-up: with so few maximum steps there is no time for it.",
    },
    # ---- what the offline model can and cannot do
    "warmup.offline_limits": {
        "es": "Qué puede esperar del modelo sin conexión: es pequeño y aprende solo de tus textos, así que resume copiando y eligiendo oraciones o fragmentos de cada texto (resumen extractivo). No puede parafrasear con palabras nuevas ni saber cosas que no están en el texto. Si tienes conexión, un modelo preentrenado en español (por ejemplo flax-community/spanish-t5-small) escribe resúmenes mucho mejores.",
        "en": "What to expect from the offline model: it is small and learns only from your texts, so it summarizes by copying and choosing sentences or passages of each text (an extractive summary). It cannot paraphrase with new words or know things the text does not say. With a connection, a model pretrained on Spanish (for example flax-community/spanish-t5-small) writes much better summaries.",
    },
    # ---- extra plain texts
    "warmup.texts.not_found": {
        "es": "No se encontró el archivo o la carpeta de textos «{path}».",
        "en": "The texts file or folder '{path}' was not found.",
    },
    "warmup.texts.not_found.suggestion": {
        "es": "Revisa la ruta: puede ser un .txt, un .docx, una tabla (.csv, .jsonl, .xlsx...) o una carpeta con esos archivos.",
        "en": "Check the path: it may be a .txt, a .docx, a table (.csv, .jsonl, .xlsx...) or a folder of such files.",
    },
    "warmup.texts.unsupported": {
        "es": "No se pueden leer textos de «{path}»: el tipo «{suffix}» no está admitido.",
        "en": "Texts cannot be read from '{path}': the type '{suffix}' is not supported.",
    },
    "warmup.texts.unsupported.suggestion": {
        "es": "Guarda los textos como .txt (separados por una línea en blanco), .docx, .csv/.jsonl/.xlsx (una columna de textos) o .pdf (con el paquete pypdf instalado).",
        "en": "Save the texts as .txt (separated by a blank line), .docx, .csv/.jsonl/.xlsx (one column of texts) or .pdf (with the pypdf package installed).",
    },
    "warmup.texts.no_column": {
        "es": "La tabla «{path}» no tiene la columna «{column}»; sus columnas son: {columns}.",
        "en": "The table '{path}' has no column '{column}'; its columns are: {columns}.",
    },
    "warmup.texts.no_column.suggestion": {
        "es": "Escribe el nombre de una de esas columnas, o no indiques ninguna para usar la de textos más largos.",
        "en": "Give the name of one of those columns, or none to use the one with the longest texts.",
    },
    "warmup.texts.no_text_column": {
        "es": "La tabla «{path}» no tiene ninguna columna de texto (columnas: {columns}).",
        "en": "The table '{path}' has no text column (columns: {columns}).",
    },
    "warmup.texts.no_text_column.suggestion": {
        "es": "Usa una tabla con una columna de textos en palabras, no solo números.",
        "en": "Use a table with a column of texts in words, not only numbers.",
    },
    "warmup.texts.unreadable": {
        "es": "No se pudo leer el texto de «{path}» ({detail}): el archivo parece dañado o no es lo que dice su extensión.",
        "en": "The text of '{path}' could not be read ({detail}): the file looks damaged or is not what its extension says.",
    },
    "warmup.texts.unreadable.suggestion": {
        "es": "Ábrelo y guárdalo de nuevo, o cópialo a un archivo .txt.",
        "en": "Open it and save it again, or copy it into a .txt file.",
    },
    "warmup.texts.needs_pypdf": {
        "es": "Para leer el PDF «{path}» hace falta el paquete opcional pypdf, que no está instalado.",
        "en": "Reading the PDF '{path}' needs the optional pypdf package, which is not installed.",
    },
    "warmup.texts.needs_pypdf.suggestion": {
        "es": "Instálalo con «pip install pypdf», o copia el texto del PDF a un archivo .txt.",
        "en": "Install it with 'pip install pypdf', or copy the PDF's text into a .txt file.",
    },
    "warmup.texts.too_large": {
        "es": "El archivo «{path}» pasa de {megabytes} MB.",
        "en": "The file '{path}' is over {megabytes} MB.",
    },
    "warmup.texts.too_large.suggestion": {
        "es": "Divídelo en varios archivos en una carpeta, o usa una parte: unos cientos de textos bastan para el calentamiento.",
        "en": "Split it into several files in a folder, or use part of it: a few hundred texts are plenty for the warm-up.",
    },
    "warmup.texts.empty": {
        "es": "No se encontró ningún texto en «{path}».",
        "en": "No text was found in '{path}'.",
    },
    "warmup.texts.empty.suggestion": {
        "es": "Comprueba que los archivos tengan texto (.txt, .docx, tablas con una columna de textos).",
        "en": "Check that the files contain text (.txt, .docx, tables with a column of texts).",
    },
}
