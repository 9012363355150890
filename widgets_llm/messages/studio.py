"""Messages of the Studio: the whole job, step by step, without code."""

MESSAGES = {
    "studio.extra_texts.reload_model": {
        "es": "El calentamiento usará tus textos extra. El vocabulario del modelo sin conexión ya cargado se hizo sin ellos: si quieres que también aprenda sus palabras, vuelve a cargar el modelo en el paso «Modelo».",
        "en": "The warm-up will use your extra texts. The vocabulary of the offline model already loaded was made without them: if you want it to learn their words too, load the model again in the 'Model' step.",
    },
    "studio.intro": {
        "es": "Sigue los pasos en orden. Cada paso te dice qué hacer; cuando termines uno, pulsa "
        "«{next}». Puedes volver atrás cuando quieras. Todo ocurre en esta computadora: tus "
        "textos no salen de aquí.",
        "en": "Follow the steps in order. Each step tells you what to do; when you finish one, press "
        "«{next}». You can go back at any time. Everything happens on this computer: your texts "
        "never leave it.",
    },
    # the steps
    "studio.step.data": {"es": "Datos", "en": "Data"},
    "studio.step.tokens": {"es": "Tokens", "en": "Tokens"},
    "studio.step.model": {"es": "Modelo", "en": "Model"},
    "studio.step.config": {"es": "Hiperparámetros", "en": "Hyperparameters"},
    "studio.step.training": {"es": "Entrenamiento", "en": "Training"},
    "studio.step.evaluation": {"es": "Evaluación y comparación", "en": "Evaluation and comparison"},
    "studio.step.experiments": {"es": "Experimentos", "en": "Experiments"},
    "studio.step.save": {"es": "Guardar y usar", "en": "Save and use"},
    "studio.step.numbered": {"es": "{number}. {name}", "en": "{number}. {name}"},
    # what to do at each step
    "studio.help.data": {
        "es": "Elige tus textos con sus resúmenes: sube un archivo, elige uno de la carpeta de datos o "
        "usa el ejemplo incluido (un clic). Revisa las columnas y pulsa «{prepare}». Cuando veas "
        "el informe de limpieza, pulsa «{next}».",
        "en": "Choose your texts with their summaries: upload a file, pick one from the data folder or "
        "use the bundled example (one click). Check the columns and press «{prepare}». When you see "
        "the cleaning report, press «{next}».",
    },
    "studio.help.tokens": {
        "es": "Un modelo no lee letras sino «tokens»: trozos de palabras. Mira cómo se cortan tus textos "
        "y, abajo, cuántos tokens miden. Mueve las líneas rojas hasta cubrir casi todos los textos y "
        "pulsa «{use_lengths}». Este paso es opcional: si no cambias nada, se usan las "
        "longitudes de la configuración.",
        "en": "A model does not read letters but «tokens»: pieces of words. See how your texts are cut "
        "and, below, how many tokens they measure. Move the red lines to cover almost every text and "
        "press «{use_lengths}». This step is optional: if you change nothing, the lengths of the "
        "configuration are used.",
    },
    "studio.help.model": {
        "es": "Elige el modelo de partida. Sin internet, usa la pestaña del modelo sin conexión (se crea "
        "aquí con el vocabulario de tus datos; el tamaño «mini» entrena en segundos). Pulsa «{load}»"
        " y espera a que diga que está listo.",
        "en": "Choose the starting model. Without internet, use the offline model tab (it is built here "
        "with the vocabulary of your data; the «mini» size trains in seconds). Press «{load}» and "
        "wait until it says it is ready.",
    },
    "studio.help.config": {
        "es": "Decide cuánto y cómo entrenar. Lo más fácil es elegir un ajuste listo: «{fast}» para "
        "probar, «{balanced}» para un buen resultado. Cada opción explica qué hace. El cálculo de "
        "abajo dice cuánto tardará y cuánta memoria usará.",
        "en": "Decide how much and how to train. The easiest is a ready-made preset: «{fast}» to try, "
        "«{balanced}» for a good result. Each option explains what it does. The estimate below says how "
        "long it will take and how much memory it will use.",
    },
    "studio.help.training": {
        "es": "Pulsa «{start}» y mira cómo baja la pérdida: es el error del modelo, y si baja, está "
        "aprendiendo. Puedes detenerlo cuando quieras; lo aprendido hasta ahí se conserva. Mientras "
        "entrena, los hiperparámetros quedan bloqueados.",
        "en": "Press «{start}» and watch the loss go down: it is the model's error, and if it goes down, "
        "it is learning. You can stop at any time; what was learned so far is kept. While it trains, "
        "the hyperparameters are locked.",
    },
    "studio.help.evaluation": {
        "es": "Pulsa «{compare}» para ver, con textos que el modelo no vio al entrenar, si el modelo "
        "entrenado resume mejor que el modelo de partida y que copiar la primera oración. Recorre los "
        "ejemplos para ver los resúmenes lado a lado.",
        "en": "Press «{compare}» to see, on texts the model did not see in training, whether the fine-tuned "
        "model summarizes better than the starting model and than copying the first sentence. Browse "
        "the examples to see the summaries side by side.",
    },
    "studio.help.experiments": {
        "es": "Cada entrenamiento terminado se guarda aquí solo, con sus notas en los textos de prueba. "
        "Marca dos o más para ver sus curvas y sus notas juntas; con dos, el tablero te dice si la "
        "diferencia es real o puede ser casualidad. «{variant}» vuelve a los hiperparámetros con los "
        "mismos datos y el mismo modelo de partida, para probar otro ajuste.",
        "en": "Every finished training is saved here on its own, with its scores on the test texts. Tick "
        "two or more to see their curves and scores together; with two, the board tells you whether the "
        "difference is real or may be chance. «{variant}» goes back to the hyperparameters with the same "
        "data and the same starting model, to try another setting.",
    },
    "studio.experiments.variant": {"es": "Entrenar otra variante", "en": "Train another variant"},
    "studio.experiments.variant.tooltip": {
        "es": "Vuelve a los hiperparámetros; el próximo entrenamiento parte del modelo de partida, no del ya entrenado.",
        "en": "Back to the hyperparameters; the next training starts from the starting model, not the tuned one.",
    },
    "studio.experiments.variant_ready": {
        "es": "Listo para otra variante: cambia un ajuste (mejor uno solo) y entrena. Parte del modelo de "
        "partida; el entrenamiento anterior está guardado en «Experimentos».",
        "en": "Ready for another variant: change a setting (one at a time is best) and train. It starts from "
        "the starting model; the previous training is saved in «Experiments».",
    },
    "studio.experiments.saving": {
        "es": "Guardando este entrenamiento en «Experimentos»: escribiendo y puntuando los resúmenes de {count} textos de prueba…",
        "en": "Saving this training in «Experiments»: writing and scoring the summaries of {count} test texts…",
    },
    "studio.experiments.saved": {
        "es": "Guardado en «Experimentos» como «{name}».",
        "en": "Saved in «Experiments» as «{name}».",
    },
    "studio.experiments.still_saving": {
        "es": "Todavía se está guardando el entrenamiento anterior en «Experimentos».",
        "en": "The previous training is still being saved in «Experiments».",
    },
    "studio.experiments.still_saving.suggestion": {
        "es": "Espera unos segundos a que termine (lo dice debajo del gráfico) y vuelve a pulsar «{start}».",
        "en": "Wait a few seconds until it ends (it says so below the chart) and press «{start}» again.",
    },
    "studio.experiments.wait": {
        "es": "Espera a que termine el entrenamiento y se guarde en «Experimentos»; después podrás entrenar otra variante.",
        "en": "Wait until the training ends and is saved in «Experiments»; then you can train another variant.",
    },
    "studio.experiments.needs_training": {
        "es": "Todavía no hay entrenamientos: cada uno que termines en el paso 5 aparecerá aquí.",
        "en": "No trainings yet: each one you finish in step 5 will appear here.",
    },
    "studio.help.save": {
        "es": "Guarda el entrenamiento para usarlo otro día (por ejemplo en la página «Resumir») y "
        "prueba el modelo con un texto nuevo.",
        "en": "Save the training to use it another day (for instance on the «Summarize» page) and try "
        "the model with a new text.",
    },
    # what is missing at a step
    "studio.needs.data": {
        "es": "Todavía no hay datos: empieza por el paso 1, «Datos».",
        "en": "There is no data yet: start with step 1, «Data».",
    },
    "studio.needs.model": {
        "es": "Todavía no hay modelo: cárgalo en el paso 3, «Modelo».",
        "en": "There is no model yet: load it in step 3, «Model».",
    },
    "studio.needs.training": {
        "es": "Todavía no hay un modelo entrenado: entrena en el paso 5, «Entrenamiento».",
        "en": "There is no trained model yet: train in step 5, «Training».",
    },
    "studio.tokens.english_first": {
        "es": "Aún no elegiste modelo: por ahora ves cómo corta tus textos un tokenizador que solo "
        "conoce inglés (fíjate en las tildes y la ñ). Cuando cargues tu modelo en el paso 3, aparecerá "
        "aquí a su lado y las longitudes se medirán con él.",
        "en": "You have not chosen a model yet: for now you see how a tokenizer that only knows English "
        "cuts your texts (look at the accents and the ñ). When you load your model in step 3, it will "
        "appear here next to it and the lengths will be measured with it.",
    },
    "studio.tokens.preparing": {
        "es": "Preparando el tokenizador de ejemplo…",
        "en": "Preparing the example tokenizer…",
    },
    "studio.model.offline_needs_data": {
        "es": "El modelo sin conexión aprende su vocabulario de tus datos: carga los datos primero (paso 1).",
        "en": "The offline model learns its vocabulary from your data: load the data first (step 1).",
    },
    "studio.training.retrain": {
        "es": "Este modelo ya se entrenó y quedó guardado en «Experimentos». Si vuelves a pulsar «{start}», "
        "el nuevo entrenamiento empezará otra vez desde el modelo de partida, con los ajustes de ahora.",
        "en": "This model was already trained and is saved in «Experiments». If you press «{start}» again, "
        "the new training starts again from the starting model, with the current settings.",
    },
    "studio.training.output": {
        "es": "Los archivos del entrenamiento se guardan en «{folder}».",
        "en": "The training files are kept in «{folder}».",
    },
    # errors raised by the studio's wiring (shown by the component that asked)
    "studio.no_data": {"es": "Todavía no hay datos para entrenar.", "en": "There is no data to train on yet."},
    "studio.no_data.suggestion": {
        "es": "Ve al paso 1, «Datos», carga tus textos (o el ejemplo) y pulsa «{prepare}».",
        "en": "Go to step 1, «Data», load your texts (or the example) and press «{prepare}».",
    },
    "studio.no_model": {"es": "Todavía no hay un modelo para entrenar.", "en": "There is no model to train yet."},
    "studio.no_model.suggestion": {
        "es": "Ve al paso 3, «Modelo», y pulsa «{load}».",
        "en": "Go to step 3, «Model», and press «{load}».",
    },
    "studio.data_dir_problem": {
        "es": "No se pudo usar la carpeta de datos «{path}»: {detail}",
        "en": "The data folder «{path}» could not be used: {detail}",
    },
    "studio.data_dir_problem.suggestion": {
        "es": "Crea esa carpeta (o elige otra con data_dir) y pon allí tus archivos.",
        "en": "Create that folder (or choose another with data_dir) and put your files there.",
    },
    # progress summary and notes
    "studio.progress.title": {"es": "Tu avance: {done} de {total} pasos", "en": "Your progress: {done} of {total} steps"},
    "studio.progress.done": {"es": "hecho", "en": "done"},
    "studio.progress.pending": {"es": "pendiente", "en": "to do"},
    "studio.progress.current": {"es": "estás aquí", "en": "you are here"},
    "studio.nav.previous": {"es": "Anterior", "en": "Previous"},
    "studio.nav.next": {"es": "Siguiente", "en": "Next"},
    "studio.nav.position": {"es": "Paso {number} de {total}: {name}", "en": "Step {number} of {total}: {name}"},
    "studio.reset.new_data": {
        "es": "Cambiaste los datos: el modelo, el entrenamiento y la comparación anteriores se "
        "descartaron (lo ya guardado sigue en su carpeta). Vuelve a cargar el modelo en el paso 3.",
        "en": "You changed the data: the previous model, training and comparison were discarded "
        "(anything already saved stays in its folder). Load the model again in step 3.",
    },
    "studio.reset.new_model": {
        "es": "Cargaste otro modelo: el entrenamiento y la comparación anteriores se descartaron "
        "(lo ya guardado sigue en su carpeta).",
        "en": "You loaded another model: the previous training and comparison were discarded "
        "(anything already saved stays in its folder).",
    },
    "studio.training.warmup_time_unknown": {
        "es": "Cuánto tarda: lo dice la estimación del paso «Hiperparámetros» (incluye el calentamiento).",
        "en": "How long it takes: see the estimate in the 'Hyperparameters' step (it includes the warm-up).",
    },
    "studio.training.finished": {
        "es": "Entrenamiento terminado. Sigue con el paso 6 para ver si el modelo mejoró.",
        "en": "Training finished. Go on to step 6 to see whether the model improved.",
    },
}
