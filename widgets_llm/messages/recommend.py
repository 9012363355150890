"""Messages of the model recommendation (keys start with ``recommend.``)."""

MESSAGES = {
    "recommend.title": {"es": "Recomendado para esta computadora", "en": "Recommended for this computer"},
    "recommend.reason.offline": {
        "es": "No hay conexión con el Hub de Hugging Face, así que no se puede descargar ningún modelo. El modelo sin conexión se crea aquí mismo con el vocabulario de tus textos; aprende desde cero, así que no esperes la calidad de un modelo preentrenado.",
        "en": "There is no connection to the Hugging Face Hub, so no model can be downloaded. The offline model is built right here with the vocabulary of your texts; it learns from scratch, so do not expect the quality of a pre-trained model.",
    },
    "recommend.reason.cpu": {
        "es": "Esta computadora no tiene tarjeta gráfica: el modelo en español más pequeño para resumir se entrena aquí en un tiempo razonable. Necesita conexión la primera vez, para descargarlo.",
        "en": "This computer has no graphics card: the smallest Spanish model for summarizing trains here in a reasonable time. It needs a connection the first time, to download it.",
    },
    "recommend.reason.gpu": {
        "es": "Tienes una tarjeta gráfica ({gpu}, {memory} GB): cabe el mejor modelo del catálogo para resumir en español, entrenado completo.",
        "en": "You have a graphics card ({gpu}, {memory} GB): the catalog's best model for Spanish summaries fits, trained in full.",
    },
    "recommend.reason.small_gpu": {
        "es": "Tu tarjeta gráfica ({gpu}, {memory} GB) tiene poca memoria: el modelo en español más pequeño, entrenado con LoRA, cabe con holgura.",
        "en": "Your graphics card ({gpu}, {memory} GB) has little memory: the smallest Spanish model, trained with LoRA, fits comfortably.",
    },
    "recommend.with_lora": {"es": "entrenado con LoRA", "en": "trained with LoRA"},
    "recommend.alternatives": {"es": "Otras opciones: {choices}.", "en": "Other choices: {choices}."},
    "recommend.cost": {
        "es": "En una CPU de 2 núcleos: {step} por paso de entrenamiento y {memory} de memoria (medido).",
        "en": "On a 2-core CPU: {step} per training step and {memory} of memory (measured).",
    },
    "recommend.use": {"es": "Usar la recomendación", "en": "Use the recommendation"},
}
