"""Messages of the RecipeExport component («Repetir fuera del estudio»)."""

MESSAGES = {
    "recipe_export.title": {"es": "Repetir fuera del estudio", "en": "Repeat outside the studio"},
    "recipe_export.intro": {
        "es": "La receta (recipe.yaml) guarda todo lo que necesita este entrenamiento: los datos y cómo se "
              "limpiaron y repartieron, el modelo, los ajustes, cómo se escriben los resúmenes y la carpeta "
              "de salida. Con ella lo repites en una terminal, en otra computadora o con varias GPU, con los "
              "mismos resultados que aquí.",
        "en": "The recipe (recipe.yaml) keeps everything this training needs: the data and how it was "
              "cleaned and split, the model, the settings, how summaries are written and the output folder. "
              "With it you repeat the training in a terminal, on another computer or with several GPUs, "
              "with the same results as here.",
    },
    "recipe_export.empty": {
        "es": "Cuando hayas preparado los datos y elegido un modelo, aquí tendrás su receta.",
        "en": "Once you have prepared the data and chosen a model, its recipe will be here.",
    },
    "recipe_export.download": {"es": "Descargar {file}", "en": "Download {file}"},
    "recipe_export.folder": {
        "es": "Sus rutas parten de la carpeta {folder}: guarda la receta ahí (o copia esa carpeta con ella) "
              "y ejecuta las órdenes en esa carpeta.",
        "en": "Its paths start from the folder {folder}: keep the recipe there (or copy that folder with it) "
              "and run the commands in that folder.",
    },
    "recipe_export.save": {"es": "Guardar la receta en el servidor", "en": "Save the recipe on the server"},
    "recipe_export.save.tooltip": {
        "es": "Escribe recipe.yaml en la carpeta de la receta, para usarla en una terminal de este servidor.",
        "en": "Writes recipe.yaml into the recipe's folder, to use it in a terminal of this server.",
    },
    "recipe_export.saved": {"es": "Receta guardada en {path}", "en": "Recipe saved in {path}"},
    "recipe_export.show": {"es": "Ver la receta", "en": "Show the recipe"},
    "recipe_export.commands.title": {"es": "Órdenes para copiar", "en": "Commands to copy"},
    "recipe_export.command.single": {
        "es": "Un proceso: en esta u otra computadora, con su GPU si tiene una (si no, en la CPU).",
        "en": "One process: on this or another computer, on its GPU if it has one (otherwise on the CPU).",
    },
    "recipe_export.command.torchrun": {
        "es": "Todas las GPU de una máquina: un proceso por GPU; cada uno entrena con su parte de cada lote "
              "y solo el primero evalúa y guarda.",
        "en": "All the GPUs of one machine: one process per GPU; each trains on its share of every batch "
              "and only the first one evaluates and saves.",
    },
    "recipe_export.command.accelerate": {
        "es": "Lo mismo con Accelerate de Hugging Face, si ya lo usas («accelerate config» lo prepara una vez).",
        "en": "The same with Hugging Face Accelerate, if you already use it ('accelerate config' sets it up once).",
    },
    "recipe_export.processes_unknown": {
        "es": "Cambia N por el número de GPU de la máquina («nvidia-smi -L» las enumera).",
        "en": "Replace N with the number of GPUs of the machine ('nvidia-smi -L' lists them).",
    },
}
