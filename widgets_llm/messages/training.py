"""Messages of training runs."""

MESSAGES = {
    "training.out_of_memory": {
        "es": "El entrenamiento se quedó sin memoria.",
        "en": "Training ran out of memory.",
    },
    "training.out_of_memory.suggestion": {
        "es": "Prueba con un lote más pequeño (por ejemplo {batch}), textos más cortos (longitud máxima {length}), activa LoRA o elige un modelo más pequeño. Lo ya entrenado se conserva y puedes volver a empezar.",
        "en": "Try a smaller batch (e.g. {batch}), shorter texts (maximum length {length}), turn on LoRA or pick a smaller model. What was trained is kept and you can start again.",
    },
    "training.nan_loss": {
        "es": "La pérdida se volvió NaN (no es un número) en el paso {step}: el modelo se desestabilizó.",
        "en": "The loss became NaN (not a number) at step {step}: the model became unstable.",
    },
    "training.nan_loss.suggestion": {
        "es": "Baja la tasa de aprendizaje (por ejemplo a {learning_rate}) y usa precisión fp32 o bf16 (nunca fp16 con modelos T5).",
        "en": "Lower the learning rate (e.g. to {learning_rate}) and use fp32 or bf16 precision (never fp16 with T5 models).",
    },
    "training.already_running": {
        "es": "Ya hay un entrenamiento en marcha.",
        "en": "A training run is already going.",
    },
    "training.already_running.suggestion": {
        "es": "Espera a que termine o detenlo antes de empezar otro.",
        "en": "Wait for it to finish or stop it before starting another.",
    },
    "training.failed": {
        "es": "El entrenamiento falló: {detail}",
        "en": "Training failed: {detail}",
    },
    "training.failed.suggestion": {
        "es": "Revisa la configuración y vuelve a intentarlo; lo ya entrenado se conserva.",
        "en": "Check the configuration and try again; what was trained is kept.",
    },
    "training.no_train_data": {
        "es": "No hay ejemplos de entrenamiento.",
        "en": "There are no training examples.",
    },
    "training.no_train_data.suggestion": {
        "es": "Carga un archivo con más pares texto-resumen.",
        "en": "Load a file with more text-summary pairs.",
    },
    "training.no_checkpoint": {
        "es": "No hay un punto de control guardado desde el que continuar.",
        "en": "There is no saved checkpoint to resume from.",
    },
    "training.no_checkpoint.suggestion": {
        "es": "Empieza un entrenamiento nuevo.",
        "en": "Start a new training run.",
    },
    "training.status.ready": {"es": "Listo para entrenar", "en": "Ready to train"},
    "training.status.running": {"es": "Entrenando…", "en": "Training…"},
    "training.status.stopping": {"es": "Deteniendo…", "en": "Stopping…"},
    "training.status.finished": {"es": "Entrenamiento terminado", "en": "Training finished"},
    "training.status.stopped": {
        "es": "Entrenamiento detenido: se guardó el último punto de control",
        "en": "Training stopped: the last checkpoint was kept",
    },
    "training.status.failed": {"es": "El entrenamiento falló", "en": "Training failed"},
    "training.estimate": {
        "es": "Tiempo estimado: {time} en total ({steps} pasos, {seconds_per_step} s por paso). Memoria máxima estimada: {memory}.",
        "en": "Estimated time: {time} in all ({steps} steps, {seconds_per_step} s per step). Estimated peak memory: {memory}.",
    },
    "training.estimate.parts": {
        "es": "Ese tiempo incluye: {parts}.",
        "en": "That time includes: {parts}.",
    },
    "training.estimate.part.warmup": {
        "es": "calentamiento {time} ({steps} pasos)",
        "en": "warm-up {time} ({steps} steps)",
    },
    "training.estimate.part.training": {
        "es": "entrenamiento {time} ({steps} pasos)",
        "en": "training {time} ({steps} steps)",
    },
    "training.estimate.part.evaluations": {
        "es": "evaluaciones durante el entrenamiento {time} ({count})",
        "en": "evaluations during training {time} ({count})",
    },
    "training.estimate.part.final_evaluation": {
        "es": "comparación final {time} (escribir y puntuar los resúmenes de {count} textos de prueba)",
        "en": "final comparison {time} (writing and scoring the summaries of {count} test texts)",
    },
    "training.estimate.part.saving": {
        "es": "guardado {time}",
        "en": "saving {time}",
    },
    "training.estimate.stopped": {
        "es": "La estimación se detuvo porque se pidió otra.",
        "en": "The estimate stopped because another one was asked for.",
    },
    "training.estimate.stopped.suggestion": {
        "es": "Espera a que termine la nueva estimación.",
        "en": "Wait for the new estimate to finish.",
    },
    "training.stage.warmup": {"es": "calentamiento", "en": "warm-up"},
    "training.stage.finetune": {"es": "entrenamiento con tus pares", "en": "fine-tuning"},
    "training.estimate.too_big": {
        "es": "Necesitaría unos {memory}, más de lo disponible ({available}).",
        "en": "It would need about {memory}, more than available ({available}).",
    },
    "training.estimate.too_big.suggestion": {
        "es": "Activa LoRA, baja el tamaño del lote o la longitud máxima, o elige un modelo más pequeño.",
        "en": "Turn on LoRA, lower the batch size or the maximum length, or pick a smaller model.",
    },
    "training.duration.unknown": {"es": "desconocido", "en": "unknown"},
    "training.duration.under_second": {"es": "menos de 1 s", "en": "under 1 s"},
    "training.duration.day": {"es": "{n} día", "en": "{n} day"},
    "training.duration.days": {"es": "{n} días", "en": "{n} days"},
}
