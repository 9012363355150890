"""Messages of saved runs (run folders, zip export and import) and of the model card."""

MESSAGES = {
    # ------------------------------------------------------------------ errors
    "runs.missing_folder": {
        "es": "No existe la carpeta «{path}».",
        "en": "The folder '{path}' does not exist.",
    },
    "runs.missing_folder.suggestion": {
        "es": "Comprueba la ruta: elige la carpeta donde guardaste el entrenamiento.",
        "en": "Check the path: pick the folder where you saved the training run.",
    },
    "runs.not_a_run": {
        "es": "La carpeta «{path}» no es un entrenamiento guardado (le falta el archivo run.json).",
        "en": "The folder '{path}' is not a saved training run (the file run.json is missing).",
    },
    "runs.not_a_run.suggestion": {
        "es": "Elige la carpeta que se creó al pulsar «Guardar» después de entrenar; dentro hay run.json y la carpeta model o adapter.",
        "en": "Pick the folder created when you pressed 'Save' after training; it holds run.json and a model or adapter folder.",
    },
    "runs.corrupt_info": {
        "es": "El archivo «{file}» del entrenamiento guardado está dañado y no se puede leer ({detail}).",
        "en": "The file '{file}' of the saved run is damaged and cannot be read ({detail}).",
    },
    "runs.corrupt_info.suggestion": {
        "es": "Si tienes una copia (por ejemplo el .zip exportado), impórtala de nuevo. Si no, vuelve a entrenar y guarda otra vez.",
        "en": "If you have a copy (for example the exported .zip), import it again. Otherwise train again and save once more.",
    },
    "runs.newer_format": {
        "es": "Este entrenamiento se guardó con una versión más nueva de widgets_llm (formato {found}; esta versión lee hasta el {supported}).",
        "en": "This run was saved by a newer widgets_llm (format {found}; this version reads up to {supported}).",
    },
    "runs.newer_format.suggestion": {
        "es": "Actualiza widgets_llm para abrirlo.",
        "en": "Update widgets_llm to open it.",
    },
    "runs.missing_model": {
        "es": "Al entrenamiento guardado en «{path}» le falta el modelo (la carpeta «{folder}»).",
        "en": "The saved run in '{path}' has no model (the folder '{folder}' is missing).",
    },
    "runs.missing_model.suggestion": {
        "es": "Puede que la copia esté incompleta. Vuelve a copiar o importar la carpeta completa, o guarda el entrenamiento otra vez.",
        "en": "The copy may be incomplete. Copy or import the whole folder again, or save the run once more.",
    },
    "runs.unreadable_model": {
        "es": "No se pudo cargar el modelo guardado en «{path}»: {detail}",
        "en": "The model saved in '{path}' could not be loaded: {detail}",
    },
    "runs.unreadable_model.suggestion": {
        "es": "Puede que los archivos estén dañados o incompletos. Vuelve a copiar o importar la carpeta completa.",
        "en": "The files may be damaged or incomplete. Copy or import the whole folder again.",
    },
    "runs.missing_base": {
        "es": "Este entrenamiento no guardó los pesos iniciales del modelo sin conexión (falta la carpeta «{folder}»), así que no se puede recuperar el modelo base.",
        "en": "This run did not keep the offline model's initial weights (the folder '{folder}' is missing), so the base model cannot be recovered.",
    },
    "runs.missing_base.suggestion": {
        "es": "Puedes usar el modelo entrenado igualmente. Para comparar con el modelo base, guarda el entrenamiento justo después de entrenar.",
        "en": "You can still use the trained model. To compare with the base model, save the run right after training.",
    },
    "runs.nothing_to_save": {
        "es": "No hay ningún modelo que guardar.",
        "en": "There is no model to save.",
    },
    "runs.nothing_to_save.suggestion": {
        "es": "Elige un modelo y entrénalo antes de guardar.",
        "en": "Choose a model and train it before saving.",
    },
    "runs.folder_in_use": {
        "es": "La carpeta «{path}» ya contiene otros archivos que no son de un entrenamiento; no se guarda ahí para no mezclar ni borrar nada tuyo.",
        "en": "The folder '{path}' already holds other files that are not a training run; nothing is saved there so as not to mix or delete anything of yours.",
    },
    "runs.folder_in_use.suggestion": {
        "es": "Elige una carpeta vacía o un nombre nuevo para el entrenamiento.",
        "en": "Pick an empty folder or a new name for the run.",
    },
    "runs.missing_zip": {
        "es": "No existe el archivo «{path}».",
        "en": "The file '{path}' does not exist.",
    },
    "runs.missing_zip.suggestion": {
        "es": "Comprueba la ruta del .zip que quieres importar.",
        "en": "Check the path of the zip you want to import.",
    },
    "runs.not_a_zip": {
        "es": "El archivo «{path}» no es un .zip válido.",
        "en": "The file '{path}' is not a valid .zip.",
    },
    "runs.not_a_zip.suggestion": {
        "es": "Elige el .zip que exportaste desde widgets_llm; si se copió a medias, cópialo de nuevo.",
        "en": "Pick the .zip you exported from widgets_llm; if it was copied halfway, copy it again.",
    },
    "runs.zip_not_a_run": {
        "es": "El .zip «{path}» no contiene un entrenamiento guardado (no hay run.json).",
        "en": "The zip '{path}' does not hold a saved run (there is no run.json).",
    },
    "runs.zip_not_a_run.suggestion": {
        "es": "Elige un .zip exportado con «Exportar» en el gestor de entrenamientos.",
        "en": "Pick a zip exported with 'Export' in the run manager.",
    },
    "runs.unsafe_zip": {
        "es": "El .zip contiene una ruta peligrosa («{entry}») que escribiría fuera de la carpeta de destino; no se ha extraído nada.",
        "en": "The zip holds a dangerous path ('{entry}') that would write outside the destination folder; nothing was extracted.",
    },
    "runs.unsafe_zip.suggestion": {
        "es": "Usa solo archivos .zip exportados con widgets_llm y de fuentes en las que confíes.",
        "en": "Only use zips exported with widgets_llm, from sources you trust.",
    },
    "runs.import_exists": {
        "es": "Ya existe la carpeta «{path}»: no se sobrescribe.",
        "en": "The folder '{path}' already exists: it is not overwritten.",
    },
    "runs.import_exists.suggestion": {
        "es": "Elige otra carpeta de destino, o cambia el nombre de la carpeta que ya existe.",
        "en": "Pick another destination folder, or rename the folder that already exists.",
    },
    # ------------------------------------------------------------------ model card
    "runs.card.title": {"es": "Modelo de resúmenes entrenado con widgets_llm", "en": "Summarization model trained with widgets_llm"},
    "runs.card.intro": {
        "es": "Este modelo escribe resúmenes de textos. Se ajustó (fine-tuning) el {date} a partir de {base} ({architecture}), con los datos que se describen abajo.",
        "en": "This model writes summaries of texts. It was fine-tuned on {date} from {base} ({architecture}), with the data described below.",
    },
    "runs.card.named_base": {"es": "el modelo base «{name}»", "en": "the base model '{name}'"},
    "runs.card.yes": {"es": "sí", "en": "yes"},
    "runs.card.no": {"es": "no", "en": "no"},
    "runs.card.seconds": {"es": "{value} segundos", "en": "{value} seconds"},
    "runs.card.minutes": {"es": "{value} minutos", "en": "{value} minutes"},
    "runs.card.offline_base": {
        "es": "el modelo base sin conexión «{size}» (creado en esta computadora con pesos aleatorios)",
        "en": "the offline base model '{size}' (built on this computer with random weights)",
    },
    "runs.card.lora": {
        "es": "Se entrenó con LoRA: solo un adaptador pequeño (carpeta «adapter») cambió; el modelo base quedó intacto.",
        "en": "It was trained with LoRA: only a small adapter (folder 'adapter') changed; the base model was left intact.",
    },
    "runs.card.lora_merged": {
        "es": "Se entrenó con LoRA y el adaptador se fusionó con el modelo base en la carpeta «model», que se usa como un modelo normal.",
        "en": "It was trained with LoRA and the adapter was merged into the base model in the folder 'model', which works as an ordinary model.",
    },
    "runs.card.data": {"es": "Datos", "en": "Data"},
    "runs.card.data.source": {"es": "Origen", "en": "Source"},
    "runs.card.data.text_column": {"es": "Columna de textos", "en": "Text column"},
    "runs.card.data.summary_column": {"es": "Columna de resúmenes", "en": "Summary column"},
    "runs.card.data.sizes": {"es": "Ejemplos", "en": "Examples"},
    "runs.card.data.sizes_value": {
        "es": "{train} de entrenamiento, {validation} de validación, {test} de prueba",
        "en": "{train} for training, {validation} for validation, {test} for testing",
    },
    "runs.card.data.format": {"es": "Formato", "en": "Format"},
    "runs.card.data.rows_in": {"es": "Filas leídas", "en": "Rows read"},
    "runs.card.data.rows_kept": {"es": "Filas usadas tras la limpieza", "en": "Rows kept after cleaning"},
    "runs.card.data.mean_text_words": {"es": "Palabras por texto (media)", "en": "Words per text (mean)"},
    "runs.card.data.mean_summary_words": {"es": "Palabras por resumen (media)", "en": "Words per summary (mean)"},
    "runs.card.no_data": {"es": "No se guardó información sobre los datos.", "en": "No information about the data was saved."},
    "runs.card.hyperparameters": {"es": "Hiperparámetros", "en": "Hyperparameters"},
    "runs.card.hyperparameters_note": {
        "es": "Todos los valores están en `config.yaml`; con ese archivo se puede repetir el entrenamiento.",
        "en": "Every value is in `config.yaml`; with that file the training can be repeated.",
    },
    "runs.card.setting": {"es": "Ajuste", "en": "Setting"},
    "runs.card.value": {"es": "Valor", "en": "Value"},
    "runs.card.training": {"es": "Entrenamiento", "en": "Training"},
    "runs.card.training_line": {
        "es": "{steps} pasos ({epochs} épocas) en {duration}, precisión {precision}; {trainable} de {total} parámetros entrenables.",
        "en": "{steps} steps ({epochs} epochs) in {duration}, {precision} precision; {trainable} of {total} parameters trainable.",
    },
    "runs.card.final_loss": {"es": "Pérdida final de entrenamiento: {loss}.", "en": "Final training loss: {loss}."},
    "runs.card.eval_loss": {
        "es": "Pérdida de validación: {loss} (perplejidad {perplexity}).",
        "en": "Validation loss: {loss} (perplexity {perplexity}).",
    },
    "runs.card.status_stopped": {
        "es": "El entrenamiento se detuvo antes de terminar.",
        "en": "Training was stopped before it finished.",
    },
    "runs.card.results": {"es": "Resultados", "en": "Results"},
    "runs.card.no_results": {
        "es": "Todavía no se evaluó este modelo.",
        "en": "This model has not been evaluated yet.",
    },
    "runs.card.results_note": {
        "es": "ROUGE mide, de 0 a 100, cuántas palabras comparte cada resumen con el resumen de referencia (más es mejor). La «línea base» copia la primera oración de cada texto: un modelo útil debería superarla. La perplejidad mide lo sorprendido que queda el modelo con los resúmenes de referencia (menos es mejor). Evaluado con {examples} ejemplos.",
        "en": "ROUGE measures, from 0 to 100, how many words each summary shares with the reference summary (higher is better). The 'baseline' copies the first sentence of each text: a useful model should beat it. Perplexity measures how surprised the model is by the reference summaries (lower is better). Evaluated on {examples} examples.",
    },
    "runs.card.metric": {"es": "Métrica", "en": "Metric"},
    "runs.card.base_model": {"es": "Modelo base", "en": "Base model"},
    "runs.card.tuned_model": {"es": "Modelo entrenado", "en": "Trained model"},
    "runs.card.lead": {"es": "Línea base (primera oración)", "en": "Baseline (first sentence)"},
    "runs.card.perplexity": {"es": "Perplejidad", "en": "Perplexity"},
    "runs.card.mean_words": {"es": "Palabras por resumen", "en": "Words per summary"},
    "runs.card.use": {"es": "Uso previsto y límites", "en": "Intended use and limits"},
    "runs.card.use_text": {
        "es": "- Pensado para resumir textos parecidos a los del entrenamiento (mismo tema, estilo y longitud).\n"
        "- Es un modelo pequeño: puede inventar datos, repetir frases u omitir lo importante. Revisa siempre los resúmenes antes de usarlos.\n"
        "- No lo uses para decisiones importantes (médicas, legales, económicas) sin una revisión humana.\n"
        "- Hereda los sesgos y errores de los datos con los que se entrenó.",
        "en": "- Meant for summarizing texts similar to the training ones (same topic, style and length).\n"
        "- It is a small model: it may invent facts, repeat sentences or leave out what matters. Always check the summaries before using them.\n"
        "- Do not use it for important decisions (medical, legal, financial) without human review.\n"
        "- It inherits the biases and mistakes of the data it was trained on.",
    },
    "runs.card.privacy": {"es": "Privacidad", "en": "Privacy"},
    "runs.card.privacy_text": {
        "es": "Se entrenó en esta computadora, sin enviar los datos a ningún servidor. El modelo puede recordar fragmentos de los textos de entrenamiento: si eran privados, no compartas esta carpeta ni el .zip exportado (además guarda los textos de prueba, para comparar entrenamientos).",
        "en": "It was trained on this computer, without sending the data to any server. The model may remember pieces of the training texts: if they were private, do not share this folder or the exported zip (it also keeps the test texts, to compare runs).",
    },
    "runs.card.files": {"es": "Archivos", "en": "Files"},
    "runs.card.files_text": {
        "es": "- `model/`: el modelo entrenado (o `adapter/`: el adaptador LoRA).\n"
        "- `tokenizer/`: el tokenizador.\n"
        "- `base_model/`: los pesos iniciales (solo modelos sin conexión), para comparar antes y después.\n"
        "- `config.yaml`: los hiperparámetros; `run.json`: datos del entrenamiento; `metrics.json`: resultados; `training_log.jsonl`: el registro paso a paso; `test_examples.jsonl`: los textos de prueba con sus resúmenes (de referencia y del modelo) y la nota de cada uno.\n\n"
        "Para usarlo en Python:\n\n"
        "```python\nfrom widgets_llm.engine.runs import load_run\nfrom widgets_llm.engine.generation import summarize\n\nrun = load_run(\"{folder}\")\nprint(summarize(run.bundle, \"Tu texto...\"))\n```",
        "en": "- `model/`: the trained model (or `adapter/`: the LoRA adapter).\n"
        "- `tokenizer/`: the tokenizer.\n"
        "- `base_model/`: the initial weights (offline models only), to compare before and after.\n"
        "- `config.yaml`: the hyperparameters; `run.json`: facts about the run; `metrics.json`: results; `training_log.jsonl`: the step-by-step log; `test_examples.jsonl`: the test texts with their summaries (reference and model) and the score of each.\n\n"
        "To use it from Python:\n\n"
        "```python\nfrom widgets_llm.engine.runs import load_run\nfrom widgets_llm.engine.generation import summarize\n\nrun = load_run(\"{folder}\")\nprint(summarize(run.bundle, \"Your text...\"))\n```",
    },
    "runs.card.generated": {
        "es": "Generado por widgets_llm {version}.",
        "en": "Generated by widgets_llm {version}.",
    },
}
