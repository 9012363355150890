"""Messages of recipes (``recipe.yaml``): what a recipe file says about itself, the paths that
will not exist on another computer, and the one-line errors of a recipe that cannot be used."""

MESSAGES = {
    # ------------------------------------------------------------------ the file's own comments
    "recipe.header.title": {
        "es": "Receta de widgets_llm: todo lo que necesita este entrenamiento para repetirse.",
        "en": "widgets_llm recipe: everything this training needs to be repeated.",
    },
    "recipe.header.repeat": {
        "es": "Repítelo en esta carpeta con: widgets-llm train --config {file}",
        "en": "Repeat it in this folder with: widgets-llm train --config {file}",
    },
    "recipe.header.paths": {
        "es": "Las rutas son relativas a la carpeta de esta receta; las opciones de la orden mandan sobre estos valores.",
        "en": "Paths are relative to this recipe's folder; command-line options override these values.",
    },
    "recipe.header.warning": {"es": "Aviso: {text}", "en": "Warning: {text}"},
    # ------------------------------------------------------------------ paths flagged when writing
    "recipe.flag.outside": {
        "es": "{setting}: «{path}» está fuera de la carpeta de la receta; en otra computadora no existirá. "
              "Copia ese archivo dentro de la carpeta de la receta y cambia la ruta.",
        "en": "{setting}: '{path}' is outside the recipe's folder; on another computer it will not exist. "
              "Copy that file into the recipe's folder and change the path.",
    },
    "recipe.flag.absolute": {
        "es": "{setting}: «{path}» es una ruta de esta computadora; en otra no existirá. "
              "Copia ese archivo dentro de la carpeta de la receta y cambia la ruta.",
        "en": "{setting}: '{path}' is a path of this computer; on another one it will not exist. "
              "Copy that file into the recipe's folder and change the path.",
    },
    "recipe.flag.output": {
        "es": "output: «{path}» es una carpeta de esta computadora; en otra quizá no se pueda crear. "
              "Usa una carpeta dentro de la de la receta (por ejemplo runs/mi_modelo).",
        "en": "output: '{path}' is a folder of this computer; on another one it may not be possible to create it. "
              "Use a folder inside the recipe's (for example runs/my_model).",
    },
    "recipe.flag.missing": {
        "es": "{setting}: «{path}» no está en la carpeta de la receta (quizá lo subiste desde tu computadora): "
              "ponlo ahí antes de repetir el entrenamiento.",
        "en": "{setting}: '{path}' is not in the recipe's folder (perhaps you uploaded it from your computer): "
              "put it there before repeating the training.",
    },
    # ------------------------------------------------------------------ one-line errors
    "recipe.invalid": {"es": "{where}: {problem}", "en": "{where}: {problem}"},
    "recipe.invalid.suggestion": {
        "es": "Corrígelo en la receta «{path}»; no se ha empezado nada.",
        "en": "Fix it in the recipe '{path}'; nothing was started.",
    },
    "recipe.unknown_key": {
        "es": "clave desconocida; aquí valen: {known}.",
        "en": "unknown key; valid keys here: {known}.",
    },
    "recipe.not_a_section": {
        "es": "debe ser una sección de claves («clave: valor»), no «{value}».",
        "en": "must be a section of keys ('key: value'), not '{value}'.",
    },
    "recipe.missing_key": {"es": "falta, y es obligatorio.", "en": "is missing, and it is required."},
    "recipe.not_text": {
        "es": "debe ser un texto (ahora es «{value}»).",
        "en": "must be a text (it is '{value}').",
    },
    "recipe.not_paths": {
        "es": "debe ser una ruta o una lista de rutas (ahora es «{value}»).",
        "en": "must be a path or a list of paths (it is '{value}').",
    },
    "recipe.newer_version": {
        "es": "esta receta es de una versión más nueva de widgets_llm (versión {found}; esta lee hasta la {supported}).",
        "en": "this recipe comes from a newer widgets_llm (version {found}; this one reads up to {supported}).",
    },
    "recipe.model.offline_only": {
        "es": "solo el modelo sin conexión tiene esta clave (model.choice es «{choice}»).",
        "en": "only the offline model has this key (model.choice is '{choice}').",
    },
    "recipe.model.mismatch": {
        "es": "«{value}» no coincide con model.choice «{choice}»; cambia los dos a la vez.",
        "en": "'{value}' does not match model.choice '{choice}'; change both together.",
    },
    "recipe.model.unknown_size": {
        "es": "«{value}» no es un tamaño del modelo sin conexión; valen: {choices}.",
        "en": "'{value}' is not a size of the offline model; valid: {choices}.",
    },
    "recipe.model.unknown_architecture": {
        "es": "«{value}» no es una arquitectura del modelo sin conexión; valen: {choices}.",
        "en": "'{value}' is not an architecture of the offline model; valid: {choices}.",
    },
    "recipe.model.vocabulary": {
        "es": "el vocabulario del modelo sin conexión sale de los datos: debe ser «{expected}» (ahora es «{value}»).",
        "en": "the offline model's vocabulary comes from the data: it must be '{expected}' (it is '{value}').",
    },
    "recipe.unreadable": {
        "es": "No se pudo leer la receta «{path}»: {detail}",
        "en": "Could not read the recipe '{path}': {detail}",
    },
    "recipe.unreadable.suggestion": {
        "es": "Usa un archivo YAML como el recipe.yaml que guarda cada entrenamiento.",
        "en": "Use a YAML file like the recipe.yaml every saved training holds.",
    },
    "recipe.no_output": {
        "es": "La receta no dice en qué carpeta guardar el entrenamiento (output).",
        "en": "The recipe does not say which folder to save the training in (output).",
    },
    "recipe.no_output.suggestion": {
        "es": "Añade «output: runs/mi_modelo» a la receta, o da --output en la orden.",
        "en": "Add 'output: runs/my_model' to the recipe, or give --output on the command line.",
    },
    "recipe.sheet_mismatch": {
        "es": "La receta pide la hoja «{wanted}» de «{path}», pero se lee la primera hoja del libro, «{found}».",
        "en": "The recipe asks for the sheet '{wanted}' of '{path}', but the workbook's first sheet, '{found}', is read.",
    },
    "recipe.sheet_mismatch.suggestion": {
        "es": "Pon esa hoja la primera del libro de Excel, o cambia data.sheet en la receta.",
        "en": "Make that sheet the workbook's first one, or change data.sheet in the recipe.",
    },
}
