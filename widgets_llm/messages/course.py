"""Messages of the teaching notebooks: the environment check, tables and exercise feedback."""

MESSAGES = {
    # ---- preparing the notebook
    "course.prepare.colab": {
        "es": "Estás en Google Colab: activé los controles interactivos (gráficos y botones).",
        "en": "You are in Google Colab: interactive controls (charts and buttons) are now enabled.",
    },
    "course.prepare.elsewhere": {
        "es": "Listo: no hace falta preparar nada más en este entorno.",
        "en": "Ready: nothing else needs preparing here.",
    },
    # ---- the environment report
    "course.env.title": {"es": "Tu entorno de trabajo", "en": "Your working environment"},
    "course.env.place": {"es": "Dónde estás: {place}", "en": "Where you are: {place}"},
    "course.env.place.colab": {"es": "Google Colab", "en": "Google Colab"},
    "course.env.place.binder": {"es": "Binder", "en": "Binder"},
    "course.env.place.local": {"es": "tu computadora (o un servidor Jupyter)", "en": "your computer (or a Jupyter server)"},
    "course.env.python": {"es": "Python {version}", "en": "Python {version}"},
    "course.env.libraries": {"es": "Bibliotecas:", "en": "Libraries:"},
    "course.env.library": {"es": "  - {name}: {version}", "en": "  - {name}: {version}"},
    "course.env.library_missing": {"es": "falta", "en": "missing"},
    "course.env.connection": {
        "es": "Conexión con el Hub de Hugging Face: {state}",
        "en": "Connection to the Hugging Face Hub: {state}",
    },
    "course.env.connection.online": {
        "es": "sí (puedes descargar modelos y datos del Hub)",
        "en": "yes (you can download models and data from the Hub)",
    },
    "course.env.connection.offline": {
        "es": "no (usaremos el modelo sin conexión y los datos de ejemplo incluidos)",
        "en": "no (we will use the offline model and the bundled example data)",
    },
    "course.env.connection.offline_mode": {
        "es": "desactivada a propósito (HF_HUB_OFFLINE=1): usaremos el modelo sin conexión y los datos incluidos",
        "en": "switched off on purpose (HF_HUB_OFFLINE=1): we will use the offline model and the bundled data",
    },
    "course.env.connection.unchecked": {"es": "sin comprobar", "en": "not checked"},
    "course.env.device.cuda": {
        "es": "Procesador para entrenar: GPU «{name}» ({memory}). Entrenar será rápido.",
        "en": "Processor for training: GPU «{name}» ({memory}). Training will be fast.",
    },
    "course.env.device.mps": {
        "es": "Procesador para entrenar: GPU de Apple. Entrenar será razonablemente rápido.",
        "en": "Processor for training: Apple GPU. Training will be reasonably fast.",
    },
    "course.env.device.cpu": {
        "es": "Procesador para entrenar: CPU, sin GPU ({memory} de memoria libre). Los modelos pequeños de este curso van bien; los grandes serán lentos.",
        "en": "Processor for training: CPU, no GPU ({memory} of free memory). This course's small models are fine; big ones will be slow.",
    },
    "course.env.device.unknown": {
        "es": "Procesador para entrenar: no lo pude averiguar (¿falta torch?).",
        "en": "Processor for training: could not be found out (is torch missing?).",
    },
    "course.env.memory_unknown": {"es": "memoria desconocida", "en": "unknown memory"},
    "course.env.ready": {
        "es": "Todo listo: puedes seguir con el cuaderno.",
        "en": "All set: you can go on with the notebook.",
    },
    "course.env.missing": {
        "es": "Faltan estas bibliotecas: {names}.",
        "en": "These libraries are missing: {names}.",
    },
    "course.env.missing.suggestion": {
        "es": "En Colab, ejecuta la primera celda del cuaderno. En tu computadora, ejecuta «make install» en la carpeta del proyecto (o «pip install {names}»).",
        "en": "In Colab, run the notebook's first cell. On your computer, run «make install» in the project folder (or «pip install {names}»).",
    },
    "course.env.bqplot_too_new": {
        "es": "Tu bqplot ({bqplot}) necesita ipywidgets 8, pero tienes ipywidgets {ipywidgets}: los gráficos no se verán.",
        "en": "Your bqplot ({bqplot}) needs ipywidgets 8, but you have ipywidgets {ipywidgets}: charts will not show.",
    },
    "course.env.bqplot_too_new.suggestion": {
        "es": "Instala una versión compatible con «pip install \"bqplot<0.13\"» y reinicia el entorno de ejecución.",
        "en": "Install a compatible version with «pip install \"bqplot<0.13\"» and restart the runtime.",
    },
    # ---- loading from the Hub, with a clear message when offline
    "course.hub.loaded_model": {
        "es": "Modelo «{name}» cargado: {params} parámetros.",
        "en": "Model «{name}» loaded: {params} parameters.",
    },
    "course.hub.loaded_data": {
        "es": "Datos «{name}» cargados. {splits}",
        "en": "Data «{name}» loaded. {splits}",
    },
    "course.hub.failed": {
        "es": "No se pudo: {message}",
        "en": "It did not work: {message}",
    },
    "course.hub.what_to_do": {"es": "Qué hacer: {suggestion}", "en": "What to do: {suggestion}"},
    "course.hub.no_problem": {
        "es": "No pasa nada: el resto del cuaderno usa el modelo sin conexión y los datos de ejemplo incluidos.",
        "en": "No problem: the rest of the notebook uses the offline model and the bundled example data.",
    },
    # ---- a pretrained summarizer at work
    "course.pretrained.offline_example": {
        "es": "Sin conexión no podemos ejecutar «{model}» aquí. Así es la tarea que hace: recibe un texto como el de abajo y escribe un resumen breve. El resumen que ves lo escribió una persona; con conexión, esta celda muestra el que escribe el modelo.",
        "en": "Without a connection we cannot run «{model}» here. This is the task it does: it reads a text like the one below and writes a short summary. The summary shown was written by a person; with a connection, this cell shows the one the model writes.",
    },
    "course.pretrained.text": {"es": "Texto:\n{text}\n", "en": "Text:\n{text}\n"},
    "course.pretrained.summary": {
        "es": "Resumen escrito por el modelo «{model}»:\n{summary}\n",
        "en": "Summary written by the model «{model}»:\n{summary}\n",
    },
    "course.pretrained.reference": {
        "es": "Resumen escrito por una persona:\n{summary}",
        "en": "Summary written by a person:\n{summary}",
    },
    # ---- tables
    "course.table.model": {"es": "Modelo", "en": "Model"},
    "course.table.kind": {"es": "Tipo", "en": "Kind"},
    "course.table.parameters": {"es": "Parámetros", "en": "Parameters"},
    "course.table.languages": {"es": "Idiomas", "en": "Languages"},
    "course.table.spanish": {"es": "¿Español?", "en": "Spanish?"},
    "course.table.license": {"es": "Licencia", "en": "License"},
    "course.table.memory_full": {"es": "Memoria para afinar todo (GB)", "en": "Memory for full tuning (GB)"},
    "course.table.memory_lora": {"es": "Memoria con LoRA (GB)", "en": "Memory with LoRA (GB)"},
    "course.table.binder": {"es": "¿Cabe en Binder?", "en": "Fits in Binder?"},
    "course.table.note": {"es": "Nota", "en": "Note"},
    "course.yes": {"es": "sí", "en": "yes"},
    "course.no": {"es": "no", "en": "no"},
    "course.table.task": {"es": "Tarea", "en": "Task"},
    "course.table.what": {"es": "Qué hace", "en": "What it does"},
    "course.table.example": {"es": "Ejemplo", "en": "Example"},
    "course.table.example_model": {"es": "Un modelo del Hub para probarla", "en": "A Hub model to try it"},
    "course.table.pipeline": {"es": "Nombre en pipeline()", "en": "Name in pipeline()"},
    "course.table.available": {"es": "¿pipeline() en tu transformers?", "en": "pipeline() in your transformers?"},
    "course.task.available_no": {
        "es": "no: para esta tarea usa «text-generation» con un modelo de chat",
        "en": "no: for this task use «text-generation» with a chat model",
    },
    "course.task.classification": {"es": "Clasificación de textos", "en": "Text classification"},
    "course.task.classification.what": {
        "es": "Pone una etiqueta a todo el texto (positivo/negativo, tema, urgente o no).",
        "en": "Gives the whole text a label (positive/negative, topic, urgent or not).",
    },
    "course.task.classification.example": {
        "es": "«Me encantó la película» → positivo",
        "en": "«I loved the film» → positive",
    },
    "course.task.ner": {"es": "Reconocimiento de entidades (NER)", "en": "Named entity recognition (NER)"},
    "course.task.ner.what": {
        "es": "Encuentra nombres de personas, lugares, organizaciones y fechas dentro del texto.",
        "en": "Finds names of people, places, organizations and dates in the text.",
    },
    "course.task.ner.example": {
        "es": "«Ana vive en Lima» → Ana = persona, Lima = lugar",
        "en": "«Ana lives in Lima» → Ana = person, Lima = place",
    },
    "course.task.translation": {"es": "Traducción", "en": "Translation"},
    "course.task.translation.what": {
        "es": "Escribe el mismo texto en otro idioma.",
        "en": "Writes the same text in another language.",
    },
    "course.task.translation.example": {
        "es": "«Good morning» → «Buenos días»",
        "en": "«Buenos días» → «Good morning»",
    },
    "course.task.question_answering": {"es": "Respuesta a preguntas", "en": "Question answering"},
    "course.task.question_answering.what": {
        "es": "Busca en un texto la respuesta a una pregunta.",
        "en": "Finds the answer to a question in a text.",
    },
    "course.task.question_answering.example": {
        "es": "¿Dónde vive Ana? + «Ana vive en Lima» → Lima",
        "en": "Where does Ana live? + «Ana lives in Lima» → Lima",
    },
    "course.task.generation": {"es": "Generación de texto", "en": "Text generation"},
    "course.task.generation.what": {
        "es": "Continúa un texto o responde a una instrucción, palabra por palabra.",
        "en": "Continues a text or answers an instruction, word by word.",
    },
    "course.task.generation.example": {
        "es": "«Había una vez…» → «…un pueblo junto al mar»",
        "en": "«Once upon a time…» → «…a village by the sea»",
    },
    "course.task.summarization": {"es": "Resumen (el foco de este curso)", "en": "Summarization (this course's focus)"},
    "course.task.summarization.what": {
        "es": "Lee un texto largo y escribe uno corto con lo esencial.",
        "en": "Reads a long text and writes a short one with the essentials.",
    },
    "course.task.summarization.example": {
        "es": "Una noticia de 300 palabras → dos líneas",
        "en": "A 300-word news story → two lines",
    },
    "course.table.way": {"es": "Forma de entrenar", "en": "How it is trained"},
    "course.table.trainable": {"es": "Parámetros que se entrenan", "en": "Trained parameters"},
    "course.table.total": {"es": "Parámetros del modelo", "en": "Model parameters"},
    "course.table.share": {"es": "Porcentaje que se entrena", "en": "Share trained"},
    "course.way.full": {"es": "Completo (todos los pesos)", "en": "Full (every weight)"},
    "course.way.lora": {"es": "LoRA (rango r = {r})", "en": "LoRA (rank r = {r})"},
    "course.table.text": {"es": "Texto", "en": "Text"},
    "course.table.tokens": {"es": "Tokens del texto", "en": "Tokens in the text"},
    "course.table.kept": {"es": "Tokens que lee el modelo", "en": "Tokens the model reads"},
    "course.table.cut": {"es": "Tokens cortados", "en": "Tokens cut"},
    "course.table.padding": {"es": "Relleno añadido", "en": "Padding added"},
    "course.table.ids": {"es": "Números que recibe el modelo", "en": "Numbers the model receives"},
    "course.table.row": {"es": "Qué se mide", "en": "What is measured"},
    "course.row.base": {"es": "Modelo base (antes de entrenar)", "en": "Base model (before tuning)"},
    "course.row.tuned": {"es": "Modelo entrenado", "en": "Trained model"},
    "course.row.lead": {"es": "Línea de base: primera oración", "en": "Baseline: first sentence"},
    "course.table.perplexity": {"es": "Perplejidad", "en": "Perplexity"},
    "course.table.words": {"es": "Palabras por resumen", "en": "Words per summary"},
    "course.table.reason": {"es": "Motivo", "en": "Reason"},
    "course.table.rows": {"es": "Filas", "en": "Rows"},
    "course.report.nothing": {"es": "(nada que contar: los datos ya estaban limpios)", "en": "(nothing to report: the data was already clean)"},
    # ---- a finished training run
    "course.result.finished": {
        "es": "Entrenamiento terminado: {steps} pasos en {elapsed}.",
        "en": "Training finished: {steps} steps in {elapsed}.",
    },
    "course.result.stopped": {
        "es": "Entrenamiento detenido a mano tras {steps} de {max_steps} pasos ({elapsed}); el modelo guarda lo aprendido hasta ahí.",
        "en": "Training stopped by hand after {steps} of {max_steps} steps ({elapsed}); the model keeps what it learned so far.",
    },
    "course.result.failed": {
        "es": "El entrenamiento falló: {error}",
        "en": "Training failed: {error}",
    },
    "course.result.running": {
        "es": "El entrenamiento todavía no terminó: espera a que el gráfico diga que acabó y vuelve a ejecutar la celda.",
        "en": "Training has not finished yet: wait until the chart says it ended and run the cell again.",
    },
    "course.result.loss": {
        "es": "Pérdida del último registro de entrenamiento: {loss}. Pérdida en validación: {eval_loss}; perplejidad en validación: {perplexity}.",
        "en": "Loss at the last training log: {loss}. Validation loss: {eval_loss}; validation perplexity: {perplexity}.",
    },
    "course.result.parameters": {
        "es": "Se entrenaron {trainable} de {total} parámetros, con precisión {precision}.",
        "en": "{trainable} of {total} parameters were trained, in {precision} precision.",
    },
    "course.value_missing": {"es": "sin dato", "en": "n/a"},
    # ---- explaining results
    "course.compare.better": {
        "es": "El modelo entrenado ganó {gain} puntos de ROUGE-L frente al modelo base ({base} → {tuned}).",
        "en": "The tuned model gained {gain} ROUGE-L points over the base model ({base} → {tuned}).",
    },
    "course.compare.worse": {
        "es": "El modelo entrenado perdió {gain} puntos de ROUGE-L frente al modelo base ({base} → {tuned}).",
        "en": "The tuned model lost {gain} ROUGE-L points against the base model ({base} → {tuned}).",
    },
    "course.compare.lead_beaten": {
        "es": "Además supera a la línea de base de «primera oración» ({lead}): ya resume mejor que copiar el comienzo.",
        "en": "It also beats the «first sentence» baseline ({lead}): it already summarizes better than copying the start.",
    },
    "course.compare.lead_not_beaten": {
        "es": "Todavía no supera a la línea de base de «primera oración» ({lead}): copiar el comienzo del texto resume mejor. Con más pasos, más datos o un modelo preentrenado (por ejemplo flax-community/spanish-t5-small) mejorará.",
        "en": "It does not beat the «first sentence» baseline yet ({lead}): copying the start of the text summarizes better. More steps, more data or a pre-trained model (e.g. flax-community/spanish-t5-small) will improve it.",
    },
    "course.compare.perplexity": {
        "es": "Perplejidad en la prueba: {base} antes y {tuned} después (más baja es mejor).",
        "en": "Test perplexity: {base} before and {tuned} after (lower is better).",
    },
    # ---- exercises: shared feedback
    "course.answer.correct": {"es": "¡Correcto! {detail}", "en": "Correct! {detail}"},
    "course.answer.not_yet": {"es": "Todavía no. {detail}", "en": "Not yet. {detail}"},
    "course.answer.placeholder": {
        "es": "Todavía no has escrito tu respuesta: cambia los tres puntos (...) por tu respuesta y vuelve a ejecutar la celda.",
        "en": "You have not written your answer yet: replace the three dots (...) with your answer and run the cell again.",
    },
    "course.answer.unknown_exercise": {
        "es": "No conozco el ejercicio «{exercise}». Los ejercicios son: {exercises}.",
        "en": "There is no exercise «{exercise}». The exercises are: {exercises}.",
    },
    "course.answer.not_a_number": {
        "es": "Escribe un número, por ejemplo 128 (sin comillas). Recibí «{value}».",
        "en": "Write a number, for example 128 (without quotes). I got «{value}».",
    },
    "course.answer.not_a_choice": {
        "es": "Escribe solo la letra de una opción entre comillas, por ejemplo \"b\". Las opciones son: {choices}.",
        "en": "Write only the letter of one option in quotes, for example \"b\". The options are: {choices}.",
    },
    "course.answer.not_text": {
        "es": "Escribe el nombre entre comillas, por ejemplo \"transformers\".",
        "en": "Write the name in quotes, for example \"transformers\".",
    },
    "course.hint.label": {"es": "Pista: {hint}", "en": "Hint: {hint}"},
    "course.solution.label": {"es": "Solución: {solution}", "en": "Solution: {solution}"},
    # ---- 01-biblioteca
    "course.ex.01-biblioteca.correct": {
        "es": "«datasets» carga, limpia y divide conjuntos de datos, y los guarda de forma eficiente.",
        "en": "«datasets» loads, cleans and splits data sets, and stores them efficiently.",
    },
    "course.ex.01-biblioteca.singular": {
        "es": "Casi: el nombre va en plural.",
        "en": "Almost: the name is plural.",
    },
    "course.ex.01-biblioteca.transformers": {
        "es": "«transformers» carga y usa modelos; para los datos hay otra biblioteca.",
        "en": "«transformers» loads and runs models; data has a library of its own.",
    },
    "course.ex.01-biblioteca.tokenizers": {
        "es": "«tokenizers» corta textos en tokens; buscamos la que carga conjuntos de datos completos.",
        "en": "«tokenizers» cuts texts into tokens; we want the one that loads whole data sets.",
    },
    "course.ex.01-biblioteca.peft": {
        "es": "«peft» sirve para afinar modelos gastando poca memoria (LoRA); no carga datos.",
        "en": "«peft» tunes models with little memory (LoRA); it does not load data.",
    },
    "course.ex.01-biblioteca.evaluate": {
        "es": "«evaluate» calcula métricas como ROUGE; los datos se cargan con otra.",
        "en": "«evaluate» computes metrics such as ROUGE; data is loaded with another one.",
    },
    "course.ex.01-biblioteca.hub": {
        "es": "El Hub es el sitio donde se guardan modelos y datos; buscamos la biblioteca de Python que carga los datos.",
        "en": "The Hub is the site that stores models and data; we want the Python library that loads the data.",
    },
    "course.ex.01-biblioteca.other": {
        "es": "Esa no es una de las bibliotecas que vimos. Repasa la tabla de bibliotecas.",
        "en": "That is not one of the libraries we saw. Look at the table of libraries again.",
    },
    "course.ex.01-biblioteca.hint": {
        "es": "Su nombre es la palabra inglesa para «conjuntos de datos».",
        "en": "Its name is the English word for «data sets».",
    },
    "course.ex.01-biblioteca.solution": {"es": "\"datasets\"", "en": "\"datasets\""},
    # ---- 01-tarea
    "course.ex.01-tarea.correct": {
        "es": "Leer un texto largo y escribir uno corto con lo esencial es resumir.",
        "en": "Reading a long text and writing a short one with the essentials is summarizing.",
    },
    "course.ex.01-tarea.a": {
        "es": "La clasificación solo pone una etiqueta (por ejemplo «deportes»); no escribe líneas nuevas.",
        "en": "Classification only gives a label (such as «sports»); it writes no new lines.",
    },
    "course.ex.01-tarea.b": {
        "es": "El reconocimiento de entidades marca nombres dentro del texto; no escribe un texto nuevo.",
        "en": "Entity recognition marks names in the text; it writes no new text.",
    },
    "course.ex.01-tarea.d": {
        "es": "Traducir cambia el idioma pero conserva todo el contenido; aquí queremos acortarlo.",
        "en": "Translating changes the language but keeps all the content; here we want it shorter.",
    },
    "course.ex.01-tarea.hint": {
        "es": "¿Qué tarea produce un texto más corto que el original?",
        "en": "Which task produces a text shorter than the original?",
    },
    "course.ex.01-tarea.solution": {"es": "\"c\" (resumen)", "en": "\"c\" (summarization)"},
    # ---- 01-parametros
    "course.ex.01-parametros.correct": {
        "es": "El modelo mini tiene {count} parámetros. Un modelo real como flax-community/spanish-t5-small tiene unos 60 millones: ¡más de cien veces más!",
        "en": "The mini model has {count} parameters. A real model such as flax-community/spanish-t5-small has about 60 million: more than a hundred times as many!",
    },
    "course.ex.01-parametros.thousands": {
        "es": "Escribiste la cifra en miles: son {count} parámetros. ¡Bien leído!",
        "en": "You wrote it in thousands: it is {count} parameters. Well read!",
    },
    "course.ex.01-parametros.too_low": {
        "es": "Es más que eso. Mira el número que mostró la celda del modelo (la línea con «parámetros»).",
        "en": "It is more than that. Look at the number shown by the model's cell (the line with «parameters»).",
    },
    "course.ex.01-parametros.too_high": {
        "es": "Es menos que eso. Mira el número que mostró la celda del modelo (la línea con «parámetros»).",
        "en": "It is less than that. Look at the number shown by the model's cell (the line with «parameters»).",
    },
    "course.ex.01-parametros.hint": {
        "es": "La celda que cargó el modelo mini escribió «… k parámetros»: k significa miles.",
        "en": "The cell that loaded the mini model wrote «… k parameters»: k means thousands.",
    },
    "course.ex.01-parametros.solution": {"es": "{count}", "en": "{count}"},
    # ---- 02-pares
    "course.ex.02-pares.correct": {
        "es": "Hay {count} pares para entrenar; el resto se guarda para validar y para la prueba final.",
        "en": "There are {count} pairs to train on; the rest is kept for validation and the final test.",
    },
    "course.ex.02-pares.total": {
        "es": "Ese es el total de pares. La pregunta es cuántos quedaron solo para entrenar (la parte «train»).",
        "en": "That is the total number of pairs. The question is how many were kept for training only (the «train» part).",
    },
    "course.ex.02-pares.other_split": {
        "es": "Ese número es el de otra parte (validación o prueba). Busca la parte «train».",
        "en": "That is the size of another part (validation or test). Look for the «train» part.",
    },
    "course.ex.02-pares.wrong": {
        "es": "No es ese número. Mira la línea que dice cuántos pares hay para entrenar.",
        "en": "That is not the number. Look at the line that says how many pairs there are to train on.",
    },
    "course.ex.02-pares.hint": {
        "es": "Mira la salida de la celda que muestra datos.splits: la parte «train» dice num_rows.",
        "en": "Look at the output of the cell showing datos.splits: the «train» part says num_rows.",
    },
    "course.ex.02-pares.solution": {"es": "{count}", "en": "{count}"},
    # ---- 02-fin
    "course.ex.02-fin.correct": {
        "es": "«</s>» es un token especial que marca el final del texto: así el modelo sabe dónde termina y cuándo dejar de escribir.",
        "en": "«</s>» is a special token that marks the end of the text: that is how the model knows where it ends and when to stop writing.",
    },
    "course.ex.02-fin.a": {
        "es": "No es un error: el tokenizador la añade a propósito.",
        "en": "It is not an error: the tokenizer adds it on purpose.",
    },
    "course.ex.02-fin.c": {
        "es": "Los espacios se ven de otra forma (con «␣» o pegados a la palabra siguiente).",
        "en": "Spaces look different (as «␣» or attached to the next word).",
    },
    "course.ex.02-fin.d": {
        "es": "Una letra o palabra desconocida sale como «<unk>» y en rojo, no como «</s>».",
        "en": "An unknown letter or word shows as «<unk>» in red, not as «</s>».",
    },
    "course.ex.02-fin.hint": {
        "es": "Aparece siempre al final, una sola vez.",
        "en": "It always appears at the end, once.",
    },
    "course.ex.02-fin.solution": {"es": "\"b\" (fin del texto)", "en": "\"b\" (end of text)"},
    # ---- 02-longitud
    "course.ex.02-longitud.correct": {
        "es": "Con {value} tokens se corta el {percent} % de los textos y no sobra demasiado (el texto más largo tiene {longest}). El motor sugiere {suggested}.",
        "en": "With {value} tokens {percent} % of the texts are cut and little is wasted (the longest text has {longest}). The engine suggests {suggested}.",
    },
    "course.ex.02-longitud.too_short": {
        "es": "Con {value} tokens se cortaría el {percent} % de los textos: el modelo no vería el final de muchos. Prueba un número mayor.",
        "en": "With {value} tokens {percent} % of the texts would be cut: the model would miss the end of many. Try a bigger number.",
    },
    "course.ex.02-longitud.too_long": {
        "es": "No se corta ningún texto, pero es mucho más de lo necesario: el más largo tiene {longest} tokens, y una longitud mayor gasta memoria y tiempo en relleno. Prueba un número menor.",
        "en": "No text is cut, but it is much more than needed: the longest has {longest} tokens, and a longer maximum wastes memory and time on padding. Try a smaller number.",
    },
    "course.ex.02-longitud.not_positive": {
        "es": "La longitud máxima tiene que ser un número entero mayor que cero.",
        "en": "The maximum length must be a whole number above zero.",
    },
    "course.ex.02-longitud.hint": {
        "es": "Mueve el control del histograma de textos hasta que el porcentaje cortado sea 5 % o menos, y escribe ese número.",
        "en": "Move the texts histogram's slider until the share cut is 5 % or less, and write that number.",
    },
    "course.ex.02-longitud.solution": {
        "es": "Cualquier número desde {low} hasta {high}; el motor sugiere {suggested}.",
        "en": "Any number from {low} to {high}; the engine suggests {suggested}.",
    },
    # ---- 03-pasos
    "course.ex.03-pasos.correct": {
        "es": "{count} pasos: {pairs} pares en lotes de {batch} dan {exact} lotes, y el último lote, aunque incompleto, también cuenta.",
        "en": "{count} steps: {pairs} pairs in batches of {batch} make {exact} batches, and the last batch counts even if it is not full.",
    },
    "course.ex.03-pasos.rounded_down": {
        "es": "Casi: sobran algunos pares que forman un último lote más pequeño, y ese lote también es un paso.",
        "en": "Almost: a few pairs are left over and form a smaller last batch, which is a step too.",
    },
    "course.ex.03-pasos.fraction": {
        "es": "No puede haber medio paso: el último lote incompleto cuenta como un paso entero. Redondea hacia arriba.",
        "en": "There is no half step: the last, smaller batch counts as a whole step. Round up.",
    },
    "course.ex.03-pasos.pairs": {
        "es": "Ese es el número de pares. En cada paso el modelo ve un lote de {batch} pares a la vez.",
        "en": "That is the number of pairs. Each step, the model sees a batch of {batch} pairs at once.",
    },
    "course.ex.03-pasos.wrong": {
        "es": "No es ese. Divide los pares de entrenamiento entre el tamaño del lote y redondea hacia arriba.",
        "en": "Not that one. Divide the training pairs by the batch size and round up.",
    },
    "course.ex.03-pasos.hint": {
        "es": "pasos = pares de entrenamiento ÷ tamaño del lote, redondeado hacia arriba (una época).",
        "en": "steps = training pairs ÷ batch size, rounded up (one epoch).",
    },
    "course.ex.03-pasos.solution": {"es": "{count}", "en": "{count}"},
    # ---- 03-perplejidad
    "course.ex.03-perplejidad.correct": {
        "es": "e² ≈ 7,39: es como si el modelo dudara, en cada token, entre unas 7 opciones igual de probables.",
        "en": "e² ≈ 7.39: as if, at each token, the model hesitated between about 7 equally likely options.",
    },
    "course.ex.03-perplejidad.loss": {
        "es": "Ese es el valor de la pérdida. La perplejidad es e elevado a la pérdida.",
        "en": "That is the loss itself. Perplexity is e raised to the loss.",
    },
    "course.ex.03-perplejidad.square": {
        "es": "No es el cuadrado de la pérdida (2² = 4): es e elevado a la pérdida, con e ≈ 2,718.",
        "en": "It is not the loss squared (2² = 4): it is e raised to the loss, with e ≈ 2.718.",
    },
    "course.ex.03-perplejidad.wrong": {
        "es": "Calcula e elevado a 2 (en Python: import math; math.exp(2)).",
        "en": "Compute e to the power 2 (in Python: import math; math.exp(2)).",
    },
    "course.ex.03-perplejidad.hint": {
        "es": "perplejidad = e^pérdida, y e ≈ 2,718.",
        "en": "perplexity = e^loss, and e ≈ 2.718.",
    },
    "course.ex.03-perplejidad.solution": {"es": "7.39 (e²)", "en": "7.39 (e²)"},
    # ---- 03-lora
    "course.ex.03-lora.correct": {
        "es": "LoRA congela los pesos originales y entrena solo unas matrices pequeñas añadidas junto a ellos: por eso necesita mucha menos memoria.",
        "en": "LoRA freezes the original weights and trains only small matrices added next to them: that is why it needs much less memory.",
    },
    "course.ex.03-lora.a": {
        "es": "LoRA no acorta el entrenamiento de todos los pesos: cambia qué se entrena. Los pesos originales quedan congelados; mira en la tabla el porcentaje que se entrena (el afinado completo entrena el 100 %).",
        "en": "LoRA does not shorten training of every weight: it changes what is trained. The original weights stay frozen; look at the share trained in the table (full fine-tuning trains 100 %).",
    },
    "course.ex.03-lora.c": {
        "es": "Eso es congelar capas, otra técnica. LoRA no elige capas: añade matrices pequeñas junto a los pesos (en muchas capas a la vez) y entrena solo esas.",
        "en": "That is layer freezing, another technique. LoRA does not pick layers: it adds small matrices next to the weights (in many layers at once) and trains only those.",
    },
    "course.ex.03-lora.d": {
        "es": "Eso se parece a comprimir o destilar un modelo. LoRA no achica el modelo: lo conserva entero y le suma unas matrices pequeñas, así que el resultado tiene un poco más de parámetros, no menos.",
        "en": "That sounds like compressing or distilling a model. LoRA does not shrink the model: it keeps it whole and adds small matrices, so the result has slightly more parameters, not fewer.",
    },
    "course.ex.03-lora.hint": {
        "es": "Mira la columna «Porcentaje que se entrena» de la tabla.",
        "en": "Look at the «Share trained» column of the table.",
    },
    "course.ex.03-lora.solution": {"es": "\"b\"", "en": "\"b\""},
    # ---- 03-rouge
    "course.ex.03-rouge.correct": {
        "es": "Si copiar la primera oración resume mejor, tu modelo aún no aporta: entrena más pasos, con más datos o parte de un modelo preentrenado.",
        "en": "If copying the first sentence summarizes better, your model adds nothing yet: train more steps, with more data, or start from a pre-trained model.",
    },
    "course.ex.03-rouge.a": {
        "es": "Copiar la primera oración no tiene nada de inteligente, pero en noticias suele resumir bastante bien: por eso es la vara mínima. Si tu modelo no la supera, todavía no aporta.",
        "en": "Copying the first sentence is not clever at all, but in news it often summarizes quite well: that is why it is the lowest bar. If your model does not clear it, it adds nothing yet.",
    },
    "course.ex.03-rouge.c": {
        "es": "Cambiar de métrica hasta que tu modelo gane es engañarse. Otras métricas sirven para ver otras cosas, pero la comparación con la línea de base se hace con la misma métrica.",
        "en": "Switching metrics until your model wins is fooling yourself. Other metrics show other things, but the comparison with the baseline uses the same metric.",
    },
    "course.ex.03-rouge.d": {
        "es": "El sobreajuste se ve en las curvas (la pérdida de validación sube mientras la de entrenamiento baja), no en esta comparación. Con un modelo pequeño y pocos pasos, lo más común es lo contrario: le falta entrenamiento.",
        "en": "Over-fitting shows in the curves (validation loss rising while training loss falls), not in this comparison. With a small model and few steps the usual problem is the opposite: it needs more training.",
    },
    "course.ex.03-rouge.hint": {
        "es": "La línea de base solo copia el comienzo del texto. ¿Qué dice de tu modelo no superarla?",
        "en": "The baseline only copies the start of the text. What does failing to beat it say about your model?",
    },
    "course.ex.03-rouge.solution": {"es": "\"b\"", "en": "\"b\""},
}
