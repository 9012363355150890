"""Messages of notebook 3's training helpers (widgets_llm/course/training.py)."""

MESSAGES = {
    "course.training.from_scratch": {
        "es": "«{name}» es un modelo sin conexión: se creó aquí mismo, con pesos al azar y un vocabulario aprendido de los textos. Todavía no sabe español, así que en este cuaderno lo vas a entrenar desde cero. (Afinar es otra cosa: partir de un modelo preentrenado, que ya aprendió el idioma, y ajustarlo a tu tarea. Con conexión, el mismo código afina uno.)",
        "en": "«{name}» is an offline model: it was built right here, with random weights and a vocabulary learned from the texts. It does not know Spanish yet, so in this notebook you will train it from scratch. (Fine-tuning is something else: starting from a pretrained model, which already learned the language, and adjusting it to your task. With a connection, the same code fine-tunes one.)",
    },
    "course.training.fine_tune": {
        "es": "«{name}» es un modelo preentrenado: ya aprendió el idioma con muchísimos textos. En este cuaderno lo vas a afinar (ajuste fino): seguir entrenándolo con tus pares para que aprenda tu tarea, tu estilo y el largo de tus resúmenes.",
        "en": "«{name}» is a pretrained model: it already learned the language from a huge number of texts. In this notebook you will fine-tune it: keep training it on your pairs so it learns your task, your style and the length of your summaries.",
    },
    "course.training.lengths": {
        "es": "Longitudes máximas de este entrenamiento: textos de hasta {input} tokens y resúmenes de hasta {target} tokens ({origin}).",
        "en": "Maximum lengths of this training: texts of up to {input} tokens and summaries of up to {target} tokens ({origin}).",
    },
    "course.training.lengths.notebook2": {
        "es": "las que elegiste en el cuaderno 2",
        "en": "the ones chosen in notebook 2",
    },
    "course.training.lengths.typed": {
        "es": "las que escribiste en esta celda",
        "en": "the ones typed in this cell",
    },
    "course.training.lengths.profile": {
        "es": "las del perfil «{profile}», porque no hay longitudes anotadas del cuaderno 2",
        "en": "the «{profile}» profile's, because no lengths were noted in notebook 2",
    },
    "course.training.base_restored": {
        "es": "El modelo «{name}» volvió a sus pesos de partida (el modelo base, como antes del primer entrenamiento). El próximo entrenamiento empieza desde ahí, no desde lo que aprendió el anterior: así los dos experimentos se pueden comparar. El primer modelo entrenado no se pierde: quedó guardado en su carpeta.",
        "en": "The model «{name}» is back to its starting weights (the base model, as before the first training). The next training starts from there, not from what the previous one learned: that way both experiments can be compared. The first trained model is not lost: it is saved in its folder.",
    },
    "course.training.base_untouched": {
        "es": "El modelo «{name}» todavía no se entrenó: ya está en sus pesos de partida (el modelo base).",
        "en": "The model «{name}» has not been trained yet: it already has its starting weights (the base model).",
    },
    "course.training.full_line": {
        "es": "Entrenamiento completo: se entrenaron {trainable} de {total} parámetros ({share} %).",
        "en": "Full training: {trainable} of {total} parameters were trained ({share} %).",
    },
    "course.training.lora_line": {
        "es": "Entrenamiento con LoRA: se entrenaron {trainable} de {total} parámetros ({share} %); el resto quedó congelado.",
        "en": "LoRA training: {trainable} of {total} parameters were trained ({share} %); the rest stayed frozen.",
    },
    "course.training.lora_fewer": {
        "es": "LoRA entrenó unas {times} veces menos parámetros. Con un modelo de cientos de millones de parámetros, esa diferencia es la que permite afinarlo en una GPU modesta.",
        "en": "LoRA trained about {times} times fewer parameters. With a model of hundreds of millions of parameters, that difference is what lets it be fine-tuned on a modest GPU.",
    },
    "course.training.lora_not_fewer": {
        "es": "Esta vez LoRA no entrenó menos parámetros que el entrenamiento completo: revisa que use_lora=True esté en los ajustes del segundo entrenamiento.",
        "en": "This time LoRA did not train fewer parameters than the full training: check that use_lora=True is in the second training's settings.",
    },
    "course.training.download_missing": {
        "es": "No encuentro «{path}»: ejecuta antes la celda que lo crea.",
        "en": "«{path}» cannot be found: run the cell that creates it first.",
    },
    "course.training.download_local": {
        "es": "El archivo ya está en tu computadora (o en tu sesión de Binder): «{path}». En Binder, descárgalo desde el panel de archivos antes de cerrar la pestaña.",
        "en": "The file is already on your computer (or in your Binder session): «{path}». On Binder, download it from the file panel before closing the tab.",
    },
    "course.training.download_colab": {
        "es": "Colab está descargando «{name}» a tu computadora (si el navegador pregunta, acepta). Cuando termine la sesión de Colab, ese archivo será la única copia.",
        "en": "Colab is downloading «{name}» to your computer (if the browser asks, accept). When the Colab session ends, that file will be the only copy.",
    },
}
