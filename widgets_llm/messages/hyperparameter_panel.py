"""Messages of the hyperparameter panel (the field help itself lives in ``config.py``)."""

MESSAGES = {
    "hyperparams.preset_kept_lengths": {
        "es": "Se mantuvieron las longitudes que elegiste con tus datos en «Tokens»: {input} tokens de texto y {target} de resumen.",
        "en": "The lengths you chose from your data in «Tokens» were kept: {input} tokens of text and {target} of summary.",
    },
    "hyperparams.title": {"es": "Ajustes del entrenamiento", "en": "Training settings"},
    "hyperparams.intro": {
        "es": "Empieza con un perfil y cambia solo lo que necesites. Debajo de cada ajuste se explica qué hace.",
        "en": "Start from a preset and change only what you need. Below each setting you can read what it does.",
    },
    "hyperparams.presets": {"es": "Perfiles", "en": "Presets"},
    "hyperparams.preset_applied": {
        "es": "Perfil «{name}» aplicado. Se mantuvieron tus opciones de LoRA, de precisión y de calentamiento.",
        "en": "Preset '{name}' applied. Your LoRA, precision and warm-up choices were kept.",
    },
    "hyperparams.section.main": {"es": "Lo esencial", "en": "The essentials"},
    "hyperparams.section.lora": {"es": "LoRA (entrenar con menos memoria)", "en": "LoRA (train with less memory)"},
    "hyperparams.section.advanced": {"es": "Opciones avanzadas", "en": "Advanced options"},
    "hyperparams.lora_off_note": {
        "es": "Activa «Usar LoRA» para cambiar estos ajustes.",
        "en": "Turn on 'Use LoRA' to change these settings.",
    },
    "hyperparams.list_placeholder": {"es": "vacío = automático", "en": "empty = automatic"},
    "hyperparams.invalid_pending": {
        "es": "Hay ajustes con valores no válidos (marcados abajo): se usa el último valor válido de cada uno.",
        "en": "Some settings have invalid values (marked below): the last valid value of each is used.",
    },
    # ---- estimate
    "hyperparams.estimate.title": {"es": "Tiempo y memoria estimados", "en": "Estimated time and memory"},
    "hyperparams.estimate.button": {"es": "Estimar", "en": "Estimate"},
    "hyperparams.estimate.button_help": {
        "es": "Calcula cuánto tardará el entrenamiento con estos ajustes, con sus evaluaciones, la comparación final "
        "y el guardado, y cuánta memoria usará. Mide unos pasos de verdad: tarda unos segundos.",
        "en": "Works out how long training will take with these settings, with its evaluations, the final comparison "
        "and saving, and how much memory it will use. It measures a few real steps: it takes a few seconds.",
    },
    "hyperparams.estimate.running": {"es": "Calculando la estimación…", "en": "Working out the estimate…"},
    "hyperparams.estimate.preparing": {
        "es": "Calculando la estimación… preparando los ejemplos que se van a medir.",
        "en": "Working out the estimate… preparing the examples to measure.",
    },
    "hyperparams.estimate.progress": {
        "es": "Calculando la estimación… midiendo {part}: paso {done} de {total}.",
        "en": "Working out the estimate… measuring {part}: step {done} of {total}.",
    },
    "hyperparams.estimate.part.warmup": {"es": "el calentamiento", "en": "the warm-up"},
    "hyperparams.estimate.part.training": {"es": "los pasos de entrenamiento", "en": "the training steps"},
    "hyperparams.estimate.part.evaluations": {"es": "las evaluaciones", "en": "the evaluations"},
    "hyperparams.estimate.part.final_evaluation": {
        "es": "la comparación final (resúmenes de prueba)",
        "en": "the final comparison (test summaries)",
    },
    "hyperparams.estimate.part.saving": {"es": "el guardado", "en": "saving"},
    "hyperparams.estimate.needs_inputs": {
        "es": "Para estimar el tiempo y la memoria hace falta un modelo y tus datos.",
        "en": "To estimate time and memory, a model and your data are needed.",
    },
    "hyperparams.estimate.needs_inputs.suggestion": {
        "es": "Elige un modelo y carga tus datos en los pasos anteriores; la estimación aparecerá aquí sola.",
        "en": "Pick a model and load your data in the previous steps; the estimate will then show here by itself.",
    },
    # ---- save / load
    "hyperparams.file.title": {"es": "Guardar o cargar estos ajustes", "en": "Save or load these settings"},
    "hyperparams.file.path": {"es": "Archivo", "en": "File"},
    "hyperparams.file.placeholder": {"es": "por ejemplo ajustes.yaml", "en": "for example settings.yaml"},
    "hyperparams.file.save": {"es": "Guardar", "en": "Save"},
    "hyperparams.file.load": {"es": "Cargar", "en": "Load"},
    "hyperparams.file.help": {
        "es": "Los ajustes se guardan en un archivo de texto que puedes abrir y leer: en formato YAML (una línea «ajuste: valor» por ajuste) si el nombre termina en .yaml o .yml, y en JSON en cualquier otro caso.",
        "en": "Saved as YAML when the name ends in .yaml or .yml, and as JSON otherwise.",
    },
    "hyperparams.file.saved": {"es": "Ajustes guardados en «{path}».", "en": "Settings saved to '{path}'."},
    "hyperparams.file.loaded": {"es": "Ajustes cargados de «{path}».", "en": "Settings loaded from '{path}'."},
    "hyperparams.file.no_path": {
        "es": "Falta el nombre del archivo.",
        "en": "The file name is missing.",
    },
    "hyperparams.file.no_path.suggestion": {
        "es": "Escribe una ruta, por ejemplo ajustes.yaml, y vuelve a pulsar el botón.",
        "en": "Type a path, for example settings.yaml, and press the button again.",
    },
    "hyperparams.file.not_found": {
        "es": "No existe el archivo «{path}».",
        "en": "The file '{path}' does not exist.",
    },
    "hyperparams.file.not_found.suggestion": {
        "es": "Revisa el nombre y la carpeta; primero guarda unos ajustes con «Guardar».",
        "en": "Check the name and folder; save some settings first with 'Save'.",
    },
    "hyperparams.file.save_failed": {
        "es": "No se pudieron guardar los ajustes en «{path}»: {detail}",
        "en": "Could not save the settings to '{path}': {detail}",
    },
    "hyperparams.file.save_failed.suggestion": {
        "es": "Elige otra carpeta en la que puedas escribir, o revisa el nombre del archivo.",
        "en": "Pick another folder you can write to, or check the file name.",
    },
}
