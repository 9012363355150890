"""Messages of training on several processes (``widgets-llm train --processes N``, torchrun)."""

MESSAGES = {
    "cli.help.processes": {
        "es": "entrena con N procesos a la vez en esta computadora, cada uno con su parte de cada lote (torchrun por debajo; gloo en CPU, NCCL en GPU). El lote de cada paso es N × --batch-size",
        "en": "train with N processes at once on this computer, each with its share of every batch (torchrun underneath; gloo on CPU, NCCL on GPU). Each step's batch is N × --batch-size",
    },
    "cli.help.train_resume": {
        "es": "continúa un entrenamiento parado desde su último punto de control (en la carpeta de --output)",
        "en": "continue a stopped training from its last checkpoint (in the --output folder)",
    },
    "cli.option.processes_invalid": {
        "es": "--processes necesita un número entero de 1 en adelante.",
        "en": "--processes needs a whole number of 1 or more.",
    },
    "cli.train.stopping": {
        "es": "Parando al final de este paso; se guarda un punto de control para seguir después. (Ctrl+C otra vez para salir ya.)",
        "en": "Stopping at the end of this step; a checkpoint is kept to go on later. (Ctrl+C again to quit now.)",
    },
    "cli.train.stopped": {
        "es": "Entrenamiento parado en el paso {step} de {max_steps}, guardado en {path}. Para seguir desde ahí, repite la misma orden con --resume.",
        "en": "Training stopped at step {step} of {max_steps}, saved in {path}. To go on from there, repeat the same command with --resume.",
    },
    "distributed.launching": {
        "es": "Entrenando con {processes} procesos a la vez en esta computadora ({backend}). Es lo mismo que: {command}",
        "en": "Training with {processes} processes at once on this computer ({backend}). It is the same as: {command}",
    },
    "distributed.started": {
        "es": "{processes} procesos entrenan juntos ({backend}): cada uno con lotes de {batch}, así que cada paso aprende de {effective} ejemplos. Todos parten del mismo modelo{fixed}.",
        "en": "{processes} processes train together ({backend}): each with batches of {batch}, so each step learns from {effective} examples. They all start from the same model{fixed}.",
    },
    "distributed.started.fixed": {
        "es": " (el del proceso principal, enviado a los demás)",
        "en": " (the main process's, sent to the others)",
    },
    "distributed.other_failed": {
        "es": "El proceso {number} de {processes} falló: {message}",
        "en": "Process {number} of {processes} failed: {message}",
    },
    "distributed.partner_failed": {
        "es": "Otro de los {processes} procesos terminó con un error, y este no puede seguir sin él.",
        "en": "Another of the {processes} processes ended with an error, and this one cannot go on without it.",
    },
    "distributed.partner_failed.suggestion": {
        "es": "Lee el error de ese proceso; si no se ve, repite el entrenamiento con un solo proceso para verlo. Lo ya entrenado se conserva en el último punto de control.",
        "en": "Read that process's error; if it does not show, train again with a single process to see it. What was trained is kept in the last checkpoint.",
    },
    "distributed.different_models": {
        "es": "Los {processes} procesos no tienen el mismo modelo de partida, y entrenarlos juntos mezclaría modelos distintos.",
        "en": "The {processes} processes do not have the same starting model, and training them together would mix different models.",
    },
    "distributed.different_models.suggestion": {
        "es": "Comprueba que todos leen los mismos datos y el mismo modelo (la misma carpeta o versión), o entrena con un solo proceso.",
        "en": "Check that they all read the same data and the same model (the same folder or version), or train with a single process.",
    },
}
