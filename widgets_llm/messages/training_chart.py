"""Messages of the live training chart.

Its explanation starts with the glossary's definitions of loss and perplexity.
"""
from .glossary import with_definitions

MESSAGES = {
    "chart.title": {"es": "Entrenamiento en vivo", "en": "Live training"},
    "chart.start": {"es": "Entrenar", "en": "Train"},
    "chart.start.help": {"es": "Empieza a entrenar el modelo con tus datos.", "en": "Start training the model on your data."},
    "chart.stop": {"es": "Detener", "en": "Stop"},
    "chart.stop.help": {
        "es": "Detiene el entrenamiento al terminar el paso actual; lo aprendido hasta ahora se conserva.",
        "en": "Stops training at the end of the current step; what was learned so far is kept.",
    },
    # ---- figures
    "chart.losses.title": {"es": "Pérdida (más baja es mejor)", "en": "Loss (lower is better)"},
    "chart.perplexity.title": {"es": "Perplejidad (validación)", "en": "Perplexity (validation)"},
    "chart.learning_rate.title": {"es": "Tasa de aprendizaje", "en": "Learning rate"},
    "chart.axis.step": {"es": "Paso", "en": "Step"},
    "chart.axis.loss": {"es": "Pérdida", "en": "Loss"},
    "chart.axis.perplexity": {"es": "Perplejidad", "en": "Perplexity"},
    "chart.axis.learning_rate": {"es": "Tasa", "en": "Rate"},
    "chart.line.train_loss": {"es": "Entrenamiento", "en": "Training"},
    "chart.line.eval_loss": {"es": "Validación", "en": "Validation"},
    "chart.line.stage_boundary": {"es": "Fin del calentamiento", "en": "End of the warm-up"},
    "chart.stage.finetune_begins": {"es": "← calentamiento | con tus pares →", "en": "← warm-up | fine-tuning →"},
    "chart.progress.stage.warmup": {
        "es": "Etapa 1 de 2, calentamiento con tus textos (paso {step} de {steps})",
        "en": "Stage 1 of 2, warm-up on your texts (step {step} of {steps})",
    },
    "chart.progress.stage.finetune": {
        "es": "Etapa 2 de 2, entrenamiento con tus pares (paso {step} de {steps})",
        "en": "Stage 2 of 2, fine-tuning on your pairs (step {step} of {steps})",
    },
    "chart.explanation": with_definitions(["perdida", "perplejidad"], named=True, then={
        "es": "En el gráfico, «Entrenamiento» se mide con los ejemplos de los que aprende el modelo y «Validación», con ejemplos que no ve al entrenar.",
        "en": "On the chart, 'Training' is measured on the examples the model learns from and 'Validation' on examples it does not see while training.",
    }),
    "chart.explanation.stages": {
        "es": "Con calentamiento, el entrenamiento tiene dos etapas separadas por la línea discontinua: a la izquierda el modelo practica copiando y eligiendo oraciones de tus textos; a la derecha aprende de tus resúmenes. Al empezar el entrenamiento con tus pares la pérdida suele subir un poco: las tareas son distintas.",
        "en": "With a warm-up, training has two stages split by the dashed line: on the left the model practises copying and choosing sentences of your texts; on the right it learns from your summaries. The loss often rises a little when fine-tuning begins: the tasks differ.",
    },
    # ---- progress
    "chart.progress.waiting": {"es": "Preparando el entrenamiento…", "en": "Preparing training…"},
    "chart.progress.line": {
        "es": "Paso {step} de {max_steps} · época {epoch} · tiempo transcurrido: {elapsed} · tiempo restante: {eta} · {speed}",
        "en": "Step {step} of {max_steps} · epoch {epoch} · elapsed: {elapsed} · remaining: {eta} · {speed}",
    },
    "chart.progress.speed": {"es": "{tokens} tokens (trozos de palabra) por segundo", "en": "{tokens} tokens (word pieces) per second"},
    "chart.progress.speed_unknown": {"es": "velocidad aún desconocida", "en": "speed not known yet"},
    # ---- status
    "chart.status.ready": {"es": "Listo para entrenar.", "en": "Ready to train."},
    "chart.status.running": {"es": "Entrenando…", "en": "Training…"},
    "chart.status.stopping": {
        "es": "Deteniendo: termina el paso actual y guarda lo aprendido…",
        "en": "Stopping: finishing the current step and keeping what was learned…",
    },
    "chart.status.finished": {"es": "Entrenamiento terminado.", "en": "Training finished."},
    "chart.status.stopped": {
        "es": "Entrenamiento detenido. Lo aprendido hasta ahora se conservó.",
        "en": "Training stopped. What was learned so far was kept.",
    },
    "chart.status.failed": {"es": "El entrenamiento no pudo terminar.", "en": "Training could not finish."},
    "chart.result": {
        "es": "Duró {elapsed} ({steps} pasos). Pérdida final de entrenamiento: {loss}. Pérdida de validación: {eval_loss}. Perplejidad: {perplexity}.",
        "en": "It took {elapsed} ({steps} steps). Final training loss: {loss}. Validation loss: {eval_loss}. Perplexity: {perplexity}.",
    },
    "chart.value_missing": {"es": "sin dato", "en": "n/a"},
    # ---- errors
    "chart.no_run": {
        "es": "Todavía no hay nada que entrenar.",
        "en": "There is nothing to train yet.",
    },
    "chart.no_run.suggestion": {
        "es": "Elige un modelo y carga tus datos en los pasos anteriores, y vuelve a pulsar «Entrenar».",
        "en": "Pick a model and load your data in the previous steps, then press 'Train' again.",
    },
}
