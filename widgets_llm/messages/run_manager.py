"""Messages of the RunManager widget (keys start with ``runmanager.``)."""

MESSAGES = {
    "runmanager.title": {"es": "Entrenamientos guardados", "en": "Saved runs"},
    "runmanager.intro": {
        "es": "Guarda el modelo entrenado con todo lo necesario para usarlo otro día, vuelve a abrir un entrenamiento anterior o llévatelo a otra computadora en un archivo .zip.",
        "en": "Save the trained model with everything needed to use it another day, open a previous run again, or take it to another computer in a .zip file.",
    },
    "runmanager.folder": {"es": "Carpeta de los entrenamientos: {folder}", "en": "Folder of the runs: {folder}"},
    # Saving
    "runmanager.save.title": {"es": "Guardar el entrenamiento actual", "en": "Save the current run"},
    "runmanager.name.label": {"es": "Nombre", "en": "Name"},
    "runmanager.name.placeholder": {"es": "mi-entrenamiento", "en": "my-run"},
    "runmanager.name.help": {
        "es": "Solo letras, números, guiones (-) y guiones bajos (_), sin espacios. Será el nombre de la carpeta.",
        "en": "Only letters, digits, hyphens (-) and underscores (_), no spaces. It will be the folder's name.",
    },
    "runmanager.default_name": {"es": "entrenamiento-{stamp}", "en": "run-{stamp}"},
    "runmanager.save": {"es": "Guardar", "en": "Save"},
    "runmanager.save.tooltip": {
        "es": "Guarda el modelo, su configuración y sus resultados en una carpeta",
        "en": "Saves the model, its configuration and its results in a folder",
    },
    "runmanager.merge_lora": {"es": "Fusionar LoRA", "en": "Merge LoRA"},
    "runmanager.merge_lora.help": {
        "es": "Guarda además una copia completa del modelo con el añadido LoRA ya incorporado. Ocupa más espacio, pero se puede usar con cualquier programa sin widgets_llm.",
        "en": "Also saves a full copy of the model with the LoRA add-on built in. It takes more space, but any program can use it without widgets_llm.",
    },
    "runmanager.replace": {"es": "Reemplazar el que ya existe", "en": "Replace the existing one"},
    "runmanager.exists": {
        "es": "Ya hay un entrenamiento guardado con el nombre «{name}». Si quieres sustituirlo, marca «Reemplazar el que ya existe» y pulsa «Guardar» otra vez; si no, cambia el nombre.",
        "en": "There is already a run saved as '{name}'. To replace it, tick 'Replace the existing one' and press 'Save' again; otherwise, change the name.",
    },
    "runmanager.status.saving": {"es": "Guardando «{name}»…", "en": "Saving '{name}'…"},
    "runmanager.status.saved": {"es": "Guardado en {path}.", "en": "Saved in {path}."},
    # The list
    "runmanager.list.title": {"es": "Abrir un entrenamiento", "en": "Open a run"},
    "runmanager.list.label": {"es": "Entrenamiento", "en": "Run"},
    "runmanager.list.empty": {
        "es": "Todavía no hay entrenamientos guardados en esta carpeta.",
        "en": "There are no saved runs in this folder yet.",
    },
    "runmanager.list.option": {"es": "{name} ({date})", "en": "{name} ({date})"},
    "runmanager.list.option_damaged": {"es": "{name} (dañado)", "en": "{name} (damaged)"},
    "runmanager.refresh": {"es": "Actualizar lista", "en": "Refresh list"},
    "runmanager.load": {"es": "Cargar", "en": "Load"},
    "runmanager.load.tooltip": {
        "es": "Abre el modelo de este entrenamiento para usarlo o compararlo",
        "en": "Opens this run's model to use or compare it",
    },
    "runmanager.status.loading": {"es": "Cargando «{name}»…", "en": "Loading '{name}'…"},
    "runmanager.status.loaded": {"es": "Entrenamiento «{name}» cargado.", "en": "Run '{name}' loaded."},
    "runmanager.nothing_selected": {"es": "No has elegido ningún entrenamiento.", "en": "You have not chosen a run."},
    "runmanager.nothing_selected.suggestion": {
        "es": "Elige uno de la lista (o guarda uno primero).",
        "en": "Pick one from the list (or save one first).",
    },
    "runmanager.damaged": {
        "es": "Este entrenamiento no se puede abrir: {problem}",
        "en": "This run cannot be opened: {problem}",
    },
    "runmanager.damaged.suggestion": {
        "es": "Elige otro de la lista. Si ya no lo necesitas, puedes borrar su carpeta.",
        "en": "Pick another one from the list. If you no longer need it, you can delete its folder.",
    },
    # Details
    "runmanager.details.date": {"es": "Fecha", "en": "Date"},
    "runmanager.details.base": {"es": "Modelo de partida", "en": "Starting model"},
    "runmanager.details.kind": {"es": "Tipo", "en": "Type"},
    "runmanager.details.format": {"es": "Cómo se guardó", "en": "How it was saved"},
    "runmanager.details.metrics": {"es": "Resultados", "en": "Results"},
    "runmanager.details.no_metrics": {
        "es": "sin evaluar todavía",
        "en": "not evaluated yet",
    },
    "runmanager.details.problem": {"es": "Problema", "en": "Problem"},
    "runmanager.details.folder": {"es": "Carpeta", "en": "Folder"},
    "runmanager.details.unknown": {"es": "desconocido", "en": "unknown"},
    "runmanager.base.offline": {"es": "modelo sin conexión «{size}»", "en": "offline model '{size}'"},
    "runmanager.format.full": {"es": "modelo completo", "en": "full model"},
    "runmanager.format.lora": {"es": "solo el añadido LoRA", "en": "LoRA add-on only"},
    "runmanager.format.lora_merged": {
        "es": "añadido LoRA y modelo fusionado",
        "en": "LoRA add-on and merged model",
    },
    "runmanager.metric.rougeL": {"es": "ROUGE-L {value}", "en": "ROUGE-L {value}"},
    "runmanager.metric.rouge1": {"es": "ROUGE-1 {value}", "en": "ROUGE-1 {value}"},
    "runmanager.metric.base_rougeL": {"es": "ROUGE-L del modelo base {value}", "en": "base model ROUGE-L {value}"},
    "runmanager.metric.lead_rougeL": {
        "es": "ROUGE-L de copiar la primera oración {value}",
        "en": "ROUGE-L of copying the first sentence {value}",
    },
    "runmanager.metric.perplexity": {"es": "perplejidad {value}", "en": "perplexity {value}"},
    "runmanager.metric.validation_perplexity": {
        "es": "perplejidad en validación {value}",
        "en": "validation perplexity {value}",
    },
    # Zip files
    "runmanager.zip.title": {"es": "Llevar a otra computadora", "en": "Take to another computer"},
    "runmanager.export": {"es": "Exportar zip", "en": "Export zip"},
    "runmanager.export.tooltip": {
        "es": "Empaqueta el entrenamiento elegido en un archivo .zip",
        "en": "Packs the chosen run into a .zip file",
    },
    "runmanager.status.exporting": {"es": "Empaquetando «{name}»…", "en": "Packing '{name}'…"},
    "runmanager.download": {"es": "Descargar {file} ({size})", "en": "Download {file} ({size})"},
    "runmanager.download.ready": {
        "es": "El archivo está listo. También queda guardado en el servidor: {path}",
        "en": "The file is ready. It is also kept on the server: {path}",
    },
    "runmanager.download.too_big": {
        "es": "El archivo ocupa {size}, demasiado para descargarlo desde aquí. Está guardado en el servidor, en {path}: cópialo desde allí (por ejemplo, con el explorador de archivos de Jupyter).",
        "en": "The file takes {size}, too much to download from here. It is kept on the server, in {path}: copy it from there (for example, with Jupyter's file browser).",
    },
    "runmanager.import": {"es": "Importar zip", "en": "Import zip"},
    "runmanager.import.help": {
        "es": "Sube un .zip exportado desde widgets_llm: se añadirá a la lista de entrenamientos.",
        "en": "Upload a .zip exported from widgets_llm: it will be added to the list of runs.",
    },
    "runmanager.status.importing": {"es": "Importando «{file}»…", "en": "Importing '{file}'…"},
    "runmanager.status.imported": {"es": "Importado como «{name}».", "en": "Imported as '{name}'."},
    "runmanager.size.mb": {"es": "{value} MB", "en": "{value} MB"},
    "runmanager.size.kb": {"es": "{value} kB", "en": "{value} kB"},
    "runmanager.status.failed": {
        "es": "No se pudo terminar. Lee el mensaje de abajo.",
        "en": "It could not be finished. Read the message below.",
    },
    # Errors
    "runmanager.invalid_name": {"es": "El nombre «{name}» no sirve como nombre de carpeta.", "en": "The name '{name}' cannot be used as a folder name."},
    "runmanager.invalid_name.suggestion": {
        "es": "Usa solo letras, números, guiones (-) y guiones bajos (_), sin espacios ni puntos; por ejemplo «resumenes-noticias_1».",
        "en": "Use only letters, digits, hyphens (-) and underscores (_), with no spaces or dots; for example 'news-summaries_1'.",
    },
    "runmanager.empty_name": {"es": "Falta el nombre del entrenamiento.", "en": "The run has no name."},
    "runmanager.empty_name.suggestion": {
        "es": "Escribe un nombre, por ejemplo «resumenes-noticias».",
        "en": "Type a name, for example 'news-summaries'.",
    },
    "runmanager.no_model": {"es": "Todavía no hay un modelo entrenado que guardar.", "en": "There is no trained model to save yet."},
    "runmanager.no_model.suggestion": {
        "es": "Entrena un modelo primero y vuelve aquí para guardarlo.",
        "en": "Train a model first and come back here to save it.",
    },
    "runmanager.no_config": {
        "es": "Falta la configuración con la que se entrenó el modelo.",
        "en": "The configuration the model was trained with is missing.",
    },
    "runmanager.no_config.suggestion": {
        "es": "Guarda el entrenamiento desde el mismo lugar donde lo entrenaste, para que se guarde junto con su configuración.",
        "en": "Save the run from the same place where you trained it, so that it is saved with its configuration.",
    },
    "runmanager.not_a_zip_name": {"es": "«{file}» no es un archivo .zip.", "en": "'{file}' is not a .zip file."},
    "runmanager.not_a_zip_name.suggestion": {
        "es": "Sube el .zip que creó «Exportar zip».",
        "en": "Upload the .zip that 'Export zip' created.",
    },
}
