"""Messages of the training configuration: plain-language help for every field, and checks.

A field whose idea the glossary defines (epochs, learning rate, batch, LoRA, seed) starts its help
with the glossary's definition and adds only what is particular to the setting.
"""
from .glossary import with_definitions

MESSAGES = {
    # ---- help text, one per field: what it does, typical values, too high / too low
    "config.learning_rate.label": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "config.learning_rate.help": with_definitions(["tasa_de_aprendizaje"], {
        "es": "Valores típicos: 0,0003 para afinar un modelo preentrenado; 0,001 con LoRA o con el modelo sin conexión.",
        "en": "Typical: 0.0003 to fine-tune a pretrained model; 0.001 with LoRA or the offline model.",
    }),
    "config.num_epochs.label": {"es": "Épocas", "en": "Epochs"},
    "config.num_epochs.help": with_definitions(["epoca"], {
        "es": "Típico: 3 a 10. Si la pérdida de validación empieza a subir, son demasiadas: el modelo memoriza tus ejemplos y resume peor los textos nuevos.",
        "en": "Typical: 3 to 10. If the validation loss starts rising, there are too many: the model memorizes your examples and summarizes new texts worse.",
    }),
    "config.max_steps.label": {"es": "Pasos máximos", "en": "Maximum steps"},
    "config.max_steps.help": {
        "es": "Si es mayor que 0, el entrenamiento se detiene tras este número de pasos en total (calentamiento incluido: usa como mucho la mitad), sin importar las épocas. Útil para una prueba rápida (por ejemplo 30).",
        "en": "If greater than 0, training stops after this many steps in all (warm-up included: it takes at most half), whatever the epochs. Handy for a quick try (say 30).",
    },
    "config.batch_size.label": {"es": "Tamaño del lote", "en": "Batch size"},
    "config.batch_size.help": with_definitions(["lote"], {
        "es": "Típico: 4 a 16. Si aparece «sin memoria», bájalo.",
        "en": "Typical: 4 to 16. If you run out of memory, lower it.",
    }),
    "config.gradient_accumulation_steps.label": {"es": "Acumulación de gradientes", "en": "Gradient accumulation"},
    "config.gradient_accumulation_steps.help": {
        "es": "Suma varios lotes antes de actualizar el modelo: simula un lote mayor sin usar más memoria. Típico: 1 a 4.",
        "en": "Adds up several batches before updating the model: a larger batch without more memory. Typical: 1 to 4.",
    },
    "config.max_input_length.label": {"es": "Longitud máxima del texto (tokens)", "en": "Maximum text length (tokens)"},
    "config.max_input_length.help": {
        "es": "Los textos más largos se cortan a esta cantidad de tokens. Típico: 256 a 512. Más largo conserva más texto pero es más lento y usa más memoria. Mira el histograma de longitudes para elegir.",
        "en": "Longer texts are cut to this many tokens. Typical: 256 to 512. Longer keeps more text but is slower and uses more memory. Look at the length histogram to choose.",
    },
    "config.max_target_length.label": {"es": "Longitud máxima del resumen (tokens)", "en": "Maximum summary length (tokens)"},
    "config.max_target_length.help": {
        "es": "Los resúmenes más largos se cortan a esta cantidad de tokens. Típico: 48 a 128. Si es muy corta, el modelo aprende resúmenes incompletos.",
        "en": "Longer summaries are cut to this many tokens. Typical: 48 to 128. Too short and the model learns cut-off summaries.",
    },
    "config.warmup_ratio.label": {"es": "Arranque suave del ritmo", "en": "Learning-rate warm-up"},
    "config.warmup_ratio.help": {
        "es": "Parte del entrenamiento (de 0 a 0,5) en la que la tasa de aprendizaje sube poco a poco desde cero, para no desordenar el modelo al empezar. Típico: 0,05 a 0,1.",
        "en": "Share of training (0 to 0.5) during which the learning rate rises gently from zero, so as not to upset the model at the start. Typical: 0.05 to 0.1.",
    },
    "config.weight_decay.label": {"es": "Decaimiento de pesos", "en": "Weight decay"},
    "config.weight_decay.help": {
        "es": "Frena que los pesos crezcan demasiado; ayuda a no memorizar. Típico: 0 a 0.1. Muy alto impide aprender.",
        "en": "Keeps weights from growing too large; helps against memorizing. Typical: 0 to 0.1. Too high prevents learning.",
    },
    "config.seed.label": {"es": "Semilla", "en": "Seed"},
    "config.seed.help": with_definitions(["semilla"], {
        "es": "Cualquier número entero sirve.",
        "en": "Any integer works.",
    }),
    "config.eval_every_steps.label": {"es": "Evaluar cada (pasos)", "en": "Evaluate every (steps)"},
    "config.eval_every_steps.help": {
        "es": "Cada cuántos pasos se mide la pérdida con los ejemplos de validación (y la perplejidad). 0 = al final de cada época. Evaluar muy seguido hace el entrenamiento más lento.",
        "en": "How often (in steps) the loss on validation examples (and perplexity) is measured. 0 = at the end of each epoch. Evaluating very often slows training.",
    },
    "config.log_every_steps.label": {"es": "Registrar cada (pasos)", "en": "Log every (steps)"},
    "config.log_every_steps.help": {
        "es": "Cada cuántos pasos se anota la pérdida de entrenamiento en la gráfica. Típico: 1 a 20.",
        "en": "How often (in steps) the training loss is added to the chart. Typical: 1 to 20.",
    },
    "config.use_lora.label": {"es": "Usar LoRA", "en": "Use LoRA"},
    "config.use_lora.help": with_definitions(["lora"], {
        "es": "LoRA quiere decir «adaptación de bajo rango». Recomendado para modelos grandes o con poca memoria.",
        "en": "LoRA stands for 'low-rank adaptation'. Recommended for large models or little memory.",
    }),
    "config.lora_r.label": {"es": "LoRA: rango (r)", "en": "LoRA: rank (r)"},
    "config.lora_r.help": {
        "es": "Tamaño de las matrices de LoRA. Típico: 4 a 16. Más grande aprende más pero usa más memoria.",
        "en": "Size of the LoRA matrices. Typical: 4 to 16. Larger learns more but uses more memory.",
    },
    "config.lora_alpha.label": {"es": "LoRA: alfa", "en": "LoRA: alpha"},
    "config.lora_alpha.help": {
        "es": "Intensidad de los cambios de LoRA. Lo habitual es el doble del rango (r).",
        "en": "Strength of the LoRA changes. Usually twice the rank (r).",
    },
    "config.lora_dropout.label": {"es": "LoRA: dropout", "en": "LoRA: dropout"},
    "config.lora_dropout.help": {
        "es": "Parte de las conexiones de LoRA que se apagan al azar al entrenar, para no memorizar. Típico: 0,05 a 0,1.",
        "en": "Share of LoRA connections switched off at random while training, against memorizing. Typical: 0.05 to 0.1.",
    },
    "config.lora_target_modules.label": {"es": "LoRA: módulos", "en": "LoRA: modules"},
    "config.lora_target_modules.help": {
        "es": "Partes del modelo donde se añade LoRA, separadas por comas. Vacío = elección automática según el modelo (por ejemplo q,v en T5).",
        "en": "Parts of the model that get LoRA, comma-separated. Empty = chosen automatically for the model (e.g. q,v for T5).",
    },
    "config.precision.label": {"es": "Precisión numérica", "en": "Numeric precision"},
    "config.precision.help": {
        "es": "Cuántos dígitos usa el modelo para cada número al calcular: fp32 es la precisión completa (32 bits); bf16 y fp16 usan la mitad, van más rápido y gastan menos memoria. «auto» elige lo mejor para tu computadora: bf16 (mismo resultado en la práctica) si el procesador o la GPU lo admite, si no fp32. fp16 nunca se usa con modelos T5 porque su pérdida se vuelve NaN (un número no válido: el entrenamiento se rompe).",
        "en": "'auto' picks the best for your machine: bf16 (faster, same results in practice) where the CPU or GPU supports it, else fp32. fp16 is never used with T5 models: their loss becomes NaN.",
    },
    "config.group_by_length.label": {"es": "Agrupar por longitud", "en": "Group by length"},
    "config.group_by_length.help": {
        "es": "Pone juntos en cada lote textos de longitud parecida, para rellenar menos y entrenar más rápido.",
        "en": "Puts texts of similar length in the same batch, so less padding and faster training.",
    },
    "config.warmup.label": {"es": "Práctica previa (calentamiento)", "en": "Warm-up stage"},
    "config.warmup.help": {
        "es": "Antes de entrenar con tus pares, el modelo practica con ejemplos hechos de tus propios textos: copia oraciones, reconstruye oraciones a las que les faltan palabras y elige la oración principal de cada fragmento. «auto» lo hace solo con el modelo sin conexión (parte de cero y lo necesita para escribir oraciones de verdad); «on» con cualquier modelo; «off» nunca.",
        "en": "Before fine-tuning on your pairs, the model practises on examples made from your own texts: it copies sentences, rebuilds sentences with missing words and picks the main sentence of each passage. 'auto' does it for the offline model only (it starts from nothing and needs it to write real sentences); 'on' for any model; 'off' never.",
    },
    "config.warmup_steps.label": {"es": "Pasos de calentamiento", "en": "Warm-up steps"},
    "config.warmup_steps.help": {
        "es": "Cuántos pasos dura el calentamiento. 0 = los elige el programa según cuántos textos hay (se muestran antes de entrenar).",
        "en": "How many steps the warm-up lasts. 0 = chosen for you from how many texts there are (shown before training).",
    },
    # ---- checks
    "config.invalid.positive": {
        "es": "«{label}» debe ser mayor que 0 (ahora es {value}).",
        "en": "'{label}' must be greater than 0 (it is {value}).",
    },
    "config.invalid.non_negative": {
        "es": "«{label}» no puede ser negativo (ahora es {value}).",
        "en": "'{label}' cannot be negative (it is {value}).",
    },
    "config.invalid.range": {
        "es": "«{label}» debe estar entre {low} y {high} (ahora es {value}).",
        "en": "'{label}' must be between {low} and {high} (it is {value}).",
    },
    "config.invalid.type": {
        "es": "«{label}» debe ser {expected} (ahora es «{value}»).",
        "en": "'{label}' must be {expected} (it is '{value}').",
    },
    "config.invalid.choice": {
        "es": "«{label}» debe ser uno de: {choices} (ahora es «{value}»).",
        "en": "'{label}' must be one of: {choices} (it is '{value}').",
    },
    "config.invalid.learning_rate_high": {
        "es": "La tasa de aprendizaje {value} es demasiado alta: el modelo se desordenaría. Prueba con 0,0003 (o 0,001 con LoRA).",
        "en": "The learning rate {value} is too high: the model would break down. Try 0.0003 (or 0.001 with LoRA).",
    },
    "config.invalid.suggestion": {
        "es": "Corrige el valor o elige un perfil predefinido (rápido, equilibrado o calidad).",
        "en": "Fix the value or choose a preset (fast, balanced or quality).",
    },
    "config.type.integer": {"es": "un número entero", "en": "a whole number"},
    "config.type.number": {"es": "un número", "en": "a number"},
    "config.type.boolean": {"es": "sí o no", "en": "yes or no"},
    "config.unknown_field": {
        "es": "La configuración tiene un campo desconocido: «{name}».",
        "en": "The configuration has an unknown field: '{name}'.",
    },
    "config.unknown_field.suggestion": {
        "es": "Revisa el archivo: los campos válidos son {fields}.",
        "en": "Check the file: valid fields are {fields}.",
    },
    "config.unreadable": {
        "es": "No se pudo leer la configuración de «{path}»: {detail}",
        "en": "Could not read the configuration from '{path}': {detail}",
    },
    "config.unreadable.suggestion": {
        "es": "Usa un archivo .yaml o .json guardado por widgets_llm.",
        "en": "Use a .yaml or .json file saved by widgets_llm.",
    },
    "config.unknown_preset": {
        "es": "No existe el perfil «{name}».",
        "en": "There is no preset '{name}'.",
    },
    "config.unknown_preset.suggestion": {
        "es": "Elige uno de: {choices}.",
        "en": "Choose one of: {choices}.",
    },
    "config.preset.fast": {"es": "Rápido", "en": "Fast"},
    "config.preset.fast.help": {
        "es": "Una prueba en pocos minutos: pocas pasadas, textos cortos. Para ver el proceso completo.",
        "en": "A try in a few minutes: few passes, short texts. To see the whole process.",
    },
    "config.preset.balanced": {"es": "Equilibrado", "en": "Balanced"},
    "config.preset.balanced.help": {
        "es": "Un buen punto de partida para tus propios datos.",
        "en": "A good starting point for your own data.",
    },
    "config.preset.quality": {"es": "Calidad", "en": "Quality"},
    "config.prompt_leaves_no_text": {
        "es": "La longitud máxima de entrada ({limit} tokens) no deja lugar para tus textos: las instrucciones que este modelo lee antes de cada texto ya ocupan {template} tokens.",
        "en": "The maximum input length ({limit} tokens) leaves no room for your texts: the instructions this model reads before each text already take {template} tokens.",
    },
    "config.prompt_leaves_no_text.suggestion": {
        "es": "Sube la longitud máxima de entrada a {needed} tokens o más.",
        "en": "Raise the maximum input length to {needed} tokens or more.",
    },
    "config.preset.quality.help": {
        "es": "Más épocas y textos más largos: tarda más, suele resumir mejor.",
        "en": "More epochs and longer texts: slower, usually summarizes better.",
    },
}
