"""Messages about models, tokenizers and the catalog."""

MESSAGES = {
    "models.no_connection": {
        "es": "No se pudo descargar el modelo «{name}»: no hay conexión con Hugging Face Hub (o el nombre no existe).",
        "en": "Could not download the model '{name}': there is no connection to the Hugging Face Hub (or the name does not exist).",
    },
    "models.no_connection.suggestion": {
        "es": "Usa el modelo sin conexión («offline»): se crea aquí mismo y aprende el vocabulario de tus textos. O elige una carpeta con un modelo ya descargado.",
        "en": "Use the offline model ('offline'): it is built right here and learns the vocabulary of your texts. Or pick a folder with a model you already downloaded.",
    },
    "models.folder_not_a_model": {
        "es": "La carpeta «{path}» no contiene un modelo (falta config.json).",
        "en": "The folder '{path}' does not contain a model (config.json is missing).",
    },
    "models.folder_not_a_model.suggestion": {
        "es": "Elige la carpeta donde guardaste el modelo con save_pretrained, o una carpeta de ejecución de widgets_llm.",
        "en": "Pick the folder where the model was saved with save_pretrained, or a widgets_llm run folder.",
    },
    "models.unsupported_architecture": {
        "es": "El modelo «{name}» es de tipo «{model_type}», que no sirve para resumir textos.",
        "en": "The model '{name}' is of type '{model_type}', which cannot summarize texts.",
    },
    "models.unsupported_architecture.suggestion": {
        "es": "Elige un modelo de tipo secuencia a secuencia (T5, BART) o un modelo generativo (GPT-2, Llama, Qwen) del catálogo.",
        "en": "Pick a sequence-to-sequence model (T5, BART) or a generative model (GPT-2, Llama, Qwen) from the catalog.",
    },
    "models.needs_texts": {
        "es": "Para crear el modelo sin conexión hacen falta textos con los que aprender el vocabulario.",
        "en": "The offline model needs texts to learn its vocabulary from.",
    },
    "models.needs_texts.suggestion": {
        "es": "Carga primero tus datos (o el ejemplo incluido) y vuelve a elegir el modelo.",
        "en": "Load your data (or the bundled example) first, then choose the model again.",
    },
    "models.unknown_offline_size": {
        "es": "No existe el tamaño «{size}» para el modelo sin conexión.",
        "en": "There is no size '{size}' for the offline model.",
    },
    "models.unknown_offline_size.suggestion": {
        "es": "Elige uno de estos: {choices}.",
        "en": "Choose one of: {choices}.",
    },
    "models.remote_code_refused": {
        "es": "El modelo «{name}» necesita ejecutar código propio descargado de internet, y por seguridad no lo permitimos.",
        "en": "The model '{name}' needs to run its own code downloaded from the internet, which we do not allow for safety.",
    },
    "models.remote_code_refused.suggestion": {
        "es": "Elige otro modelo del catálogo.",
        "en": "Choose another model from the catalog.",
    },
    "models.no_spanish": {
        "es": "Este tokenizador no conoce algunas letras del español ({letters}): las convierte en «desconocido».",
        "en": "This tokenizer does not know some Spanish letters ({letters}): it turns them into 'unknown'.",
    },
    "models.kind.seq2seq": {"es": "secuencia a secuencia", "en": "sequence-to-sequence"},
    "models.kind.causal": {"es": "generativo (solo decodificador)", "en": "decoder-only (generative)"},
    "models.offline.label": {
        "es": "Modelo sin conexión {architecture} «{size}» ({params} parámetros)",
        "en": "Offline {architecture} model '{size}' ({params} parameters)",
    },
    "models.offline.description": {
        "es": "Se crea aquí, sin internet, con un vocabulario aprendido de tus textos. Empieza sin saber nada: sirve para aprender el proceso completo y ver cómo mejora al entrenar.",
        "en": "Built here, with no internet, with a vocabulary learned from your texts. It starts knowing nothing: good for learning the whole process and watching it improve as it trains.",
    },
}
