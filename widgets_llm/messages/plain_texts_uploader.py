"""Messages of the PlainTextsUploader component (extra texts for the warm-up)."""

MESSAGES = {
    "plaintexts.title": {"es": "Más textos, sin resumen (opcional)", "en": "More texts, without summaries (optional)"},
    "plaintexts.help": {
        "es": "Si tienes más documentos tuyos aunque no tengan resumen, súbelos aquí (.txt, .md, .docx, .pdf o una tabla). "
              "El modelo sin conexión los usa para aprender tu vocabulario y practicar a leer y copiar oraciones antes del "
              "entrenamiento (el calentamiento). No se usan para evaluar, no se guardan en ningún sitio y no salen de tu computadora.",
        "en": "If you have more documents of your own, even without summaries, upload them here (.txt, .md, .docx, .pdf or a table). "
              "The offline model uses them to learn your vocabulary and to practise reading and copying sentences before "
              "training (the warm-up). They are not used for evaluation, not stored anywhere and never leave your computer.",
    },
    "plaintexts.upload": {"es": "Subir textos", "en": "Upload texts"},
    "plaintexts.remove": {"es": "Quitar estos textos", "en": "Remove these texts"},
    "plaintexts.reading": {"es": "Leyendo {count} archivo(s)…", "en": "Reading {count} file(s)…"},
    "plaintexts.loaded": {
        "es": "Textos extra: {count} textos, {words} palabras (de {files}). Se usarán en el calentamiento.",
        "en": "Extra texts: {count} texts, {words} words (from {files}). They will be used in the warm-up.",
    },
    "plaintexts.none": {"es": "Sin textos extra: el calentamiento usará los textos de tus pares.", "en": "No extra texts: the warm-up will use the texts of your pairs."},
}
