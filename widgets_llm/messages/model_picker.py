"""Messages of the ModelPicker widget (keys start with ``picker.``)."""

MESSAGES = {
    "picker.title": {"es": "Modelo de partida", "en": "Starting model"},
    "picker.intro": {
        "es": "Elige el modelo que vas a entrenar con tus datos: uno del catálogo, cualquiera del Hub de Hugging Face, uno guardado en una carpeta o el modelo sin conexión, que se crea aquí mismo.",
        "en": "Choose the model you will fine-tune on your data: one from the catalog, any model from the Hugging Face Hub, one saved in a folder, or the offline model, which is built right here.",
    },
    "picker.tab.catalog": {"es": "Catálogo", "en": "Catalog"},
    "picker.tab.hub": {"es": "Otro del Hub", "en": "Other from the Hub"},
    "picker.tab.local": {"es": "Carpeta", "en": "Folder"},
    "picker.tab.offline": {"es": "Sin conexión", "en": "Offline"},
    # Catalog
    "picker.catalog.help": {
        "es": "Modelos pequeños recomendados para empezar. Descargarlos necesita internet. La memoria es una estimación para entrenar: «completo» cambia todos los pesos; «con LoRA» solo entrena un pequeño añadido y necesita mucha menos.",
        "en": "Small models recommended to start with. Downloading them needs internet. Memory is an estimate for training: 'full' changes every weight; 'with LoRA' trains only a small add-on and needs much less.",
    },
    "picker.catalog.choose": {"es": "Modelo", "en": "Model"},
    "picker.catalog.option": {
        "es": "{model} ({params}, {languages})",
        "en": "{model} ({params}, {languages})",
    },
    "picker.column.model": {"es": "Modelo", "en": "Model"},
    "picker.column.kind": {"es": "Tipo", "en": "Type"},
    "picker.column.params": {"es": "Parámetros", "en": "Parameters"},
    "picker.column.memory_full": {"es": "Memoria (completo)", "en": "Memory (full)"},
    "picker.column.memory_lora": {"es": "Memoria (con LoRA)", "en": "Memory (with LoRA)"},
    "picker.column.step": {
        "es": "Segundos por paso en una CPU de 2 núcleos (completo / LoRA)",
        "en": "Seconds per step on a 2-core CPU (full / LoRA)",
    },
    "picker.step": {"es": "{full} / {lora}", "en": "{full} / {lora}"},
    "picker.column.languages": {"es": "Idiomas", "en": "Languages"},
    "picker.column.spanish": {"es": "Español", "en": "Spanish"},
    "picker.column.license": {"es": "Licencia", "en": "Licence"},
    "picker.column.note": {"es": "Nota", "en": "Note"},
    "picker.yes": {"es": "Sí", "en": "Yes"},
    "picker.no": {"es": "No", "en": "No"},
    # Any hub id
    "picker.hub.label": {"es": "Nombre en el Hub", "en": "Name on the Hub"},
    "picker.hub.placeholder": {"es": "usuario/modelo", "en": "user/model"},
    "picker.hub.help": {
        "es": "Cualquier modelo de Hugging Face que sepa resumir o generar texto (T5, BART, GPT-2, Llama, Qwen…). Necesita conexión a internet la primera vez.",
        "en": "Any Hugging Face model that can summarize or generate text (T5, BART, GPT-2, Llama, Qwen…). Needs an internet connection the first time.",
    },
    # Local folder
    "picker.local.label": {"es": "Carpeta", "en": "Folder"},
    "picker.local.placeholder": {"es": "/ruta/a/la/carpeta/del/modelo", "en": "/path/to/the/model/folder"},
    "picker.local.help": {
        "es": "Una carpeta con un modelo guardado (config.json, los pesos y el tokenizador): uno descargado antes o uno que entrenaste aquí. Escribe la ruta o búscala.",
        "en": "A folder with a saved model (config.json, the weights and the tokenizer): one downloaded before or one you trained here. Type the path or browse for it.",
    },
    "picker.local.select": {"es": "Buscar carpeta", "en": "Browse"},
    "picker.local.change": {"es": "Cambiar", "en": "Change"},
    # Offline model
    "picker.offline.architecture": {"es": "Tipo", "en": "Type"},
    "picker.offline.size": {"es": "Tamaño", "en": "Size"},
    "picker.offline.size_option": {
        "es": "{name}: {layers} capas de {width}, vocabulario de {vocab} tokens",
        "en": "{name}: {layers} layers of {width}, vocabulary of {vocab} tokens",
    },
    "picker.offline.size.mini": {"es": "mini (para probar; entrena en segundos)", "en": "mini (for a quick try; trains in seconds)"},
    "picker.offline.size.pequeno": {"es": "pequeño (recomendado)", "en": "small (recommended)"},
    "picker.offline.size.mediano": {"es": "mediano (para miles de pares)", "en": "medium (for thousands of pairs)"},
    "picker.offline.texts": {
        "es": "Aprenderá su vocabulario de {count} textos y resúmenes de tus datos de entrenamiento.",
        "en": "It will learn its vocabulary from {count} texts and summaries of your training data.",
    },
    "picker.offline.no_texts": {
        "es": "Todavía no hay datos: prepara primero tus datos (o el ejemplo incluido) para poder crear este modelo.",
        "en": "There is no data yet: prepare your data (or the bundled example) first to be able to build this model.",
    },
    # Loading
    "picker.load": {"es": "Cargar modelo", "en": "Load model"},
    "picker.load.tooltip": {
        "es": "Descarga o crea el modelo elegido",
        "en": "Downloads or builds the chosen model",
    },
    "picker.fallback": {"es": "Usar el modelo sin conexión", "en": "Use the offline model"},
    "picker.status.loading": {
        "es": "Cargando «{choice}»… puede tardar un poco.",
        "en": "Loading «{choice}»… it may take a while.",
    },
    "picker.status.loaded": {
        "es": "Modelo listo: {label}. Tipo: {kind}. Parámetros: {params}.",
        "en": "Model ready: {label}. Type: {kind}. Parameters: {params}.",
    },
    "picker.status.loaded_offline": {
        "es": "Modelo listo: {label}. Tipo: {kind}.",
        "en": "Model ready: {label}. Type: {kind}.",
    },
    "picker.status.failed": {
        "es": "No se pudo cargar el modelo. Lee el mensaje de abajo.",
        "en": "The model could not be loaded. Read the message below.",
    },
    "picker.card": {
        "es": "Sobre este modelo: {note} Idiomas: {languages}. Licencia: {license}.",
        "en": "About this model: {note} Languages: {languages}. Licence: {license}.",
    },
    "picker.prefix": {
        "es": "Este modelo espera que cada texto empiece por «{prefix}»; se añade solo.",
        "en": "This model expects every text to start with '{prefix}'; it is added automatically.",
    },
    "picker.available.cached": {
        "es": "Este modelo ya está en esta computadora: se cargará sin descargar nada.",
        "en": "This model is already on this computer: it will load without downloading anything.",
    },
    "picker.available.download": {
        "es": "Este modelo se descargará la primera vez (necesita conexión); verás el avance de la descarga y podrás cancelarla.",
        "en": "This model will be downloaded the first time (needs a connection); you will see the download's progress and can cancel it.",
    },
    "picker.empty_choice": {"es": "Todavía no has elegido ningún modelo.", "en": "You have not chosen a model yet."},
    "picker.empty_choice.suggestion": {
        "es": "Elige uno del catálogo, escribe un nombre del Hub o una carpeta, o usa el modelo sin conexión.",
        "en": "Pick one from the catalog, type a Hub name or a folder, or use the offline model.",
    },
}
