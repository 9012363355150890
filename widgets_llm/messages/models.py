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
        "es": "Elige la carpeta donde guardaste el modelo con save_pretrained, o la carpeta de un entrenamiento guardado con widgets_llm.",
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
    "models.tokenizer_library_missing": {
        "es": "No se pudo leer el tokenizador de «{name}»: su vocabulario es un archivo SentencePiece y, para leerlo, falta instalar: {libraries}.",
        "en": "Could not read the tokenizer of '{name}': its vocabulary is a SentencePiece file, and a library needed to read it is not installed: {libraries}.",
    },
    "models.tokenizer_library_missing.suggestion": {
        "es": "Instala lo que falta con «pip install {packages}» (o vuelve a ejecutar «make install») y reinicia Python o el kernel del cuaderno.",
        "en": "Install what is missing with 'pip install {packages}' (or run 'make install' again) and restart Python or the notebook's kernel.",
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
        "es": "Modelo sin conexión «{size}», {architecture} ({params} parámetros)",
        "en": "Offline model '{size}', {architecture} ({params} parameters)",
    },
    "models.architecture.seq2seq": {"es": "lee el texto y escribe el resumen", "en": "reads the text, writes the summary"},
    "models.architecture.causal": {"es": "continúa el texto con el resumen", "en": "continues the text with the summary"},
    "models.offline.size.mini": {"es": "mini", "en": "mini"},
    "models.offline.size.pequeno": {"es": "pequeño", "en": "small"},
    "models.offline.size.mediano": {"es": "mediano", "en": "medium"},
    "models.offline.description": {
        "es": "Se crea aquí, sin internet, con un vocabulario aprendido de tus textos. Empieza sin saber nada: sirve para aprender el proceso completo y ver cómo mejora al entrenar.",
        "en": "Built here, with no internet, with a vocabulary learned from your texts. It starts knowing nothing: good for learning the whole process and watching it improve as it trains.",
    },
    "models.empty_choice": {
        "es": "No has elegido ningún modelo.",
        "en": "No model was chosen.",
    },
    "models.empty_choice.suggestion": {
        "es": "Escribe el nombre de un modelo del catálogo, la carpeta de un modelo guardado u «offline» para crear uno aquí mismo.",
        "en": "Type the name of a catalog model, the folder of a saved model, or 'offline' to build one right here.",
    },
    "models.folder_incomplete": {
        "es": "La carpeta «{path}» tiene config.json, pero le faltan otros archivos del modelo (los pesos o el tokenizador).",
        "en": "The folder '{path}' has config.json, but other model files are missing (the weights or the tokenizer).",
    },
    "models.folder_incomplete.suggestion": {
        "es": "Vuelve a guardar el modelo completo (modelo y tokenizador, con save_pretrained) en esa carpeta, o elige otra.",
        "en": "Save the whole model again (model and tokenizer, with save_pretrained) into that folder, or pick another one.",
    },
    "models.unknown_model_type": {
        "es": "El modelo «{name}» es de un tipo que esta versión de transformers no conoce.",
        "en": "The model '{name}' is of a type this version of transformers does not know.",
    },
    "models.unknown_model_type.suggestion": {
        "es": "Elige un modelo del catálogo, o actualiza transformers si el modelo es muy reciente.",
        "en": "Choose a model from the catalog, or update transformers if the model is very recent.",
    },
    # One note per CATALOG entry: what the model is good for, in plain words.
    "models.catalog.spanish_t5_small": {
        "es": "El modelo en español más pequeño para resumir (T5, 60 millones de parámetros; su vocabulario se aprendió con textos en español). Viene solo preentrenado: todavía no sabe resumir y hay que entrenarlo con tus ejemplos. Buena primera opción en una computadora sin tarjeta gráfica.",
        "en": "The smallest Spanish model for summarizing (T5, 60 million parameters; its vocabulary was learned from Spanish texts). It comes only pre-trained: it cannot summarize yet and must be trained on your examples. A good first choice on a computer without a graphics card.",
    },
    "models.catalog.bart_base_spanish": {
        "es": "Un BART entrenado en español (unos 140 millones de parámetros). Solo preentrenado: necesita tus ejemplos para aprender a resumir. Más lento y con más memoria que el T5 pequeño; va mejor con una tarjeta gráfica.",
        "en": "A BART trained on Spanish (about 140 million parameters). Pre-trained only: it needs your examples to learn to summarize. Slower and needs more memory than the small T5; works better with a graphics card.",
    },
    "models.catalog.t5_base_spanish": {
        "es": "Un T5 más grande entrenado en español (unos 250 millones de parámetros). Solo preentrenado. Puede dar mejores resúmenes, pero entrenarlo entero necesita una tarjeta gráfica; en una computadora normal, usa LoRA. En una tarjeta sin bf16 (como la T4 de Colab) entrena en fp32: los T5 fallan en fp16.",
        "en": "A larger T5 trained on Spanish (about 250 million parameters). Pre-trained only. It can write better summaries, but training all of it needs a graphics card; on an ordinary computer, use LoRA. On a card without bf16 (such as Colab's T4) train in fp32: T5 models fail in fp16.",
    },
    "models.catalog.mt5_mlsum": {
        "es": "Un mT5 que ya sabe resumir noticias en español (lo entrenaron con MLSUM). Es el mejor punto de partida si tus textos son noticias: empieza resumiendo desde el primer momento. Pesa unos 1,2 GB; para entrenarlo, mejor una tarjeta gráfica (en Colab, en fp32).",
        "en": "An mT5 that already summarizes Spanish news (it was trained on MLSUM). The best starting point if your texts are news: it summarizes from the very start. About 1.2 GB; to train it, a graphics card is best (on Colab, in fp32).",
    },
    "models.catalog.mt5_small": {
        "es": "Un T5 multilingüe (101 idiomas) que nunca convierte una letra en «desconocido». Tiene 300 millones de parámetros, casi todos en su enorme vocabulario: unos 1,2 GB; en una T4 de Colab se entrena en fp32. Solo preentrenado: antes de entrenarlo escribe cosas sin sentido.",
        "en": "A multilingual T5 (101 languages) that never turns a letter into 'unknown'. It has 300 million parameters, almost all in its huge vocabulary: about 1.2 GB; on a Colab T4 it trains in fp32. Pre-trained only: before training it writes nonsense.",
    },
    "models.catalog.mt5_course": {
        "es": "El modelo del curso de Hugging Face: un mT5 que resume opiniones de productos de Amazon en inglés y en español. Escribe resúmenes muy cortos, como títulos. Mismo tamaño que mT5-small (unos 1,2 GB).",
        "en": "The Hugging Face course's model: an mT5 that summarizes Amazon product reviews in English and Spanish. It writes very short, title-like summaries. Same size as mT5-small (about 1.2 GB).",
    },
    "models.catalog.flan_t5_small": {
        "es": "Un T5 pequeño y bien entrenado, pero en inglés: su tokenizador no conoce letras como «í» o «ñ» («Rodríguez» sale como «Rodr ⁇ guez»). No lo uses para español; sirve para ver por qué importa el tokenizador.",
        "en": "A small, well-trained T5, but in English: its tokenizer does not know letters such as 'í' or 'ñ' ('Rodríguez' comes out as 'Rodr ⁇ guez'). Do not use it for Spanish; it is useful to see why the tokenizer matters.",
    },
    "models.catalog.smollm2": {
        "es": "Un modelo generativo pequeño (135 millones de parámetros) preparado para conversar, sobre todo en inglés. Su español es flojo. Sirve para comparar un modelo generativo con uno de secuencia a secuencia del mismo tamaño.",
        "en": "A small generative model (135 million parameters) tuned for chatting, mostly in English. Its Spanish is weak. Useful to compare a generative model with a sequence-to-sequence one of similar size.",
    },
    "models.catalog.qwen25": {
        "es": "Un modelo generativo de unos 500 millones de parámetros que conversa en más de 29 idiomas, español incluido. Resume bastante bien sin entrenar. Es grande: entrénalo con LoRA y una tarjeta gráfica (por ejemplo, la T4 de Colab).",
        "en": "A generative model of half a billion parameters that chats in more than 29 languages, Spanish included. It summarizes fairly well without training. It is large: train it with LoRA and a graphics card (for example, Colab's T4).",
    },
    # Whether fine-tuning a catalog model fits in a Binder session, from its peak memory.
    "models.binder.full": {
        "es": "Cabe en Binder ({binder}): entrenarlo entero ocupa {full} y con LoRA {lora} ({how}).",
        "en": "Fits in Binder ({binder}): full fine-tuning takes {full}, with LoRA {lora} ({how}).",
    },
    "models.binder.lora": {
        "es": "En Binder ({binder}) solo cabe con LoRA: {lora}; entrenarlo entero ocupa {full} ({how}).",
        "en": "On Binder ({binder}) it fits only with LoRA: {lora}; full fine-tuning takes {full} ({how}).",
    },
    "models.binder.none": {
        "es": "No cabe en Binder ({binder}) ni con LoRA: necesita {lora}, y entero {full} ({how}). Entrénalo en Colab o en tu computadora.",
        "en": "Does not fit in Binder ({binder}), not even with LoRA: it needs {lora}, and {full} in full ({how}). Train it on Colab or on your own computer.",
    },
    "models.binder.measured": {"es": "medido", "en": "measured"},
    "models.binder.estimated": {"es": "estimado", "en": "estimated"},
}
