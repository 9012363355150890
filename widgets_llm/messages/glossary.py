"""The course's glossary (keys ``glossary.<term>.term`` and ``glossary.<term>.definition``) and
the vocabulary rules every Spanish text follows (:data:`FORBIDDEN_SYNONYMS`).

One idea, one word, one definition: the notebooks' «Glosario» cells and the widgets that explain
an idea (tokens, epochs, learning rate, loss, ROUGE, ...) all read their definition from here, so
the course never says the same thing twice in two different ways. The definitions are written for
a person with no technical background, in neutral Latin American Spanish.

Term ids are lowercase ASCII with underscores (``modelo_de_lenguaje``); the rendering lives in
:mod:`widgets_llm.course.glossary`.
"""

# Each term as (id, es term, es definition, en term, en definition); MESSAGES is built from it
# so that a term cannot have a name without a definition, or one language without the other.
_TERMS = [
    (
        "token",
        "token",
        "Un trozo de texto que el modelo reconoce como una unidad: a veces una palabra entera "
        "(«casa»), a veces una parte de una palabra («resum» + «ieron») o un signo («,»). El "
        "modelo no lee letras ni palabras, lee tokens, y de cada uno solo recibe su número. Se "
        "dice «el token», «los tokens».",
        "token",
        "A piece of text the model recognises as a unit: sometimes a whole word ('house'), "
        "sometimes part of a word ('summar' + 'ised') or a sign (','). The model does not read "
        "letters or words, it reads tokens, and it only receives each one's number.",
    ),
    (
        "tokenizador",
        "tokenizador",
        "El programa que corta un texto en tokens y le da a cada token su número (y que, al "
        "final, vuelve a convertir los números en texto). Cada modelo viene con su tokenizador, "
        "aprendido de ciertos textos: uno que aprendió con español gasta menos tokens por "
        "palabra en español.",
        "tokenizer",
        "The program that cuts a text into tokens and gives each token its number (and, at the "
        "end, turns the numbers back into text). Every model comes with its tokenizer, learned "
        "from certain texts: one that learned from Spanish spends fewer tokens per Spanish word.",
    ),
    (
        "vocabulario",
        "vocabulario",
        "La lista de todos los tokens que conoce un tokenizador, cada uno con su número. Lo que "
        "no está en el vocabulario se arma con tokens más cortos o, si ni eso se puede, se "
        "cambia por un token de «desconocido».",
        "vocabulary",
        "The list of every token a tokenizer knows, each with its number. What is not in the "
        "vocabulary is built from shorter tokens or, if even that fails, replaced by an "
        "'unknown' token.",
    ),
    (
        "modelo_de_lenguaje",
        "modelo de lenguaje",
        "Un programa que aprendió, a partir de muchísimos textos, qué token suele venir después "
        "de otros. Escribiendo un token tras otro puede continuar un texto, contestar o "
        "resumir. No «sabe» las cosas como una persona: imita los textos que vio.",
        "language model",
        "A program that learned, from a great many texts, which token usually comes after "
        "others. By writing one token after another it can continue a text, answer or "
        "summarise. It does not 'know' things as a person does: it imitates the texts it saw.",
    ),
    (
        "parametros",
        "parámetros",
        "Los números internos de un modelo, que se ajustan durante el entrenamiento; en ellos "
        "queda lo que aprendió. Un modelo pequeño tiene millones y uno grande, miles de "
        "millones: más parámetros suelen dar mejores resultados, pero piden más memoria y tiempo.",
        "parameters",
        "A model's internal numbers, adjusted during training; what it learned is kept in them. "
        "A small model has millions and a large one billions: more parameters usually give "
        "better results, but need more memory and time.",
    ),
    (
        "preentrenamiento",
        "preentrenamiento",
        "El primer entrenamiento de un modelo, con enormes cantidades de texto general, que hace "
        "su creador con muchas computadoras durante semanas. De ahí sale un «modelo "
        "preentrenado», que ya conoce el idioma y que después se puede afinar para una tarea.",
        "pretraining",
        "A model's first training, on huge amounts of general text, done by its creator on many "
        "computers for weeks. It produces a 'pretrained model', which already knows the language "
        "and can then be fine-tuned for a task.",
    ),
    (
        "afinado",
        "afinado (ajuste fino)",
        "Seguir entrenando un modelo que ya fue preentrenado, con pocos ejemplos de una tarea "
        "concreta (por ejemplo, tus pares de texto y resumen), para adaptarlo a ella. Como parte "
        "de un modelo que ya conoce el idioma, bastan pocos datos y poco tiempo. Solo se dice "
        "«afinar» cuando se parte de un modelo preentrenado.",
        "fine-tuning",
        "Training further a model that was already pretrained, with a few examples of one "
        "specific task (for example, your text and summary pairs), to adapt it to that task. As "
        "it starts from a model that already knows the language, little data and little time "
        "are enough. 'Fine-tuning' is only said when starting from a pretrained model.",
    ),
    (
        "entrenamiento_desde_cero",
        "entrenamiento desde cero",
        "Entrenar un modelo que empieza sin saber nada: sus parámetros son números al azar y su "
        "tokenizador se aprende de tus propios textos. Es lo que hace el modelo sin conexión "
        "del curso: no necesita internet, pero con pocos datos aprende mucho menos que un "
        "modelo afinado.",
        "training from scratch",
        "Training a model that starts knowing nothing: its parameters are random numbers and "
        "its tokenizer is learned from your own texts. This is what the course's offline model "
        "does: it needs no internet, but with little data it learns much less than a "
        "fine-tuned model.",
    ),
    (
        "modelo_base",
        "modelo base",
        "El modelo de partida, antes de entrenarlo con tus datos. Compararlo con el modelo ya "
        "entrenado muestra cuánto cambió gracias a tus ejemplos.",
        "base model",
        "The starting model, before training it on your data. Comparing it with the trained "
        "model shows how much it changed thanks to your examples.",
    ),
    (
        "codificador",
        "codificador",
        "La parte de un modelo que lee el texto de entrada completo y lo convierte en números "
        "que resumen su sentido. Un modelo que solo tiene codificador (como BERT) sirve para "
        "entender y clasificar textos, no para escribirlos.",
        "encoder",
        "The part of a model that reads the whole input text and turns it into numbers that "
        "capture its meaning. A model with only an encoder (such as BERT) is good at "
        "understanding and classifying texts, not at writing them.",
    ),
    (
        "decodificador",
        "decodificador",
        "La parte de un modelo que escribe: produce un token tras otro, cada uno a partir de los "
        "anteriores. Un modelo que solo tiene decodificador (como GPT) continúa el texto que "
        "recibe.",
        "decoder",
        "The part of a model that writes: it produces one token after another, each one from "
        "the previous ones. A model with only a decoder (such as GPT) continues the text it "
        "receives.",
    ),
    (
        "codificador_decodificador",
        "codificador-decodificador",
        "Un modelo con las dos partes: el codificador lee el texto de entrada y el "
        "decodificador escribe otro texto nuevo a partir de él (como T5 o BART). Es la forma "
        "clásica de un modelo para resumir o traducir.",
        "encoder-decoder",
        "A model with both parts: the encoder reads the input text and the decoder writes a new "
        "text from it (such as T5 or BART). It is the classic shape of a model for summarising "
        "or translating.",
    ),
    (
        "modelo_de_instrucciones",
        "modelo de instrucciones",
        "Un modelo de lenguaje afinado, después del preentrenamiento, con muchos ejemplos de "
        "pedidos y buenas respuestas, para que siga lo que se le pide («Resume este texto en "
        "una oración») en vez de solo continuar el texto.",
        "instruction model",
        "A language model fine-tuned, after pretraining, on many examples of requests and good "
        "answers, so that it follows what it is asked ('Summarise this text in one sentence') "
        "instead of just continuing the text.",
    ),
    (
        "prompt",
        "prompt (instrucción)",
        "El texto que se le da al modelo para que responda: una pregunta, un pedido o el "
        "comienzo de un texto. Cambiar las palabras del prompt puede cambiar mucho la respuesta.",
        "prompt",
        "The text given to the model for it to respond to: a question, a request or the "
        "beginning of a text. Changing the prompt's wording can change the answer a lot.",
    ),
    (
        "pipeline",
        "pipeline",
        "Una función de la librería transformers que junta en una sola llamada todo lo necesario "
        "para una tarea (el tokenizador, el modelo y la conversión del resultado a texto), por "
        "ejemplo pipeline(\"summarization\").",
        "pipeline",
        "A function of the transformers library that puts everything a task needs (the "
        "tokenizer, the model and turning the result into text) into a single call, for "
        "example pipeline(\"summarization\").",
    ),
    (
        "clasificacion",
        "clasificación",
        "Una tarea en la que el modelo elige una etiqueta de una lista fija para cada texto; por "
        "ejemplo, si una opinión es positiva o negativa, o de qué tema trata una noticia.",
        "classification",
        "A task in which the model picks one label from a fixed list for each text; for "
        "example, whether a review is positive or negative, or which topic a news item is about.",
    ),
    (
        "resumen",
        "resumen",
        "Una tarea en la que el modelo escribe un texto más corto que conserva lo principal de "
        "uno más largo. En este curso cada ejemplo es un par: un texto y el resumen escrito por "
        "una persona.",
        "summarisation",
        "A task in which the model writes a shorter text that keeps the main points of a longer "
        "one. In this course each example is a pair: a text and the summary written by a person.",
    ),
    (
        "conjunto_de_datos",
        "conjunto de datos",
        "Una colección de ejemplos ordenada en una tabla, como una hoja de cálculo: en este "
        "curso, una fila por ejemplo con una columna para el texto y otra para su resumen. Para "
        "entrenar y medir se reparte en tres partes: entrenamiento, validación y prueba.",
        "dataset",
        "A collection of examples arranged as a table, like a spreadsheet: in this course, one "
        "row per example with a column for the text and another for its summary. For training "
        "and measuring it is split into three parts: training, validation and test.",
    ),
    (
        "entrenamiento",
        "entrenamiento",
        "El proceso en el que el modelo aprende de ejemplos: lee un texto, intenta escribir su "
        "resumen, mide cuánto se equivocó y corrige un poco sus parámetros para equivocarse "
        "menos. Cada vez que se hace con ciertos ajustes es «un entrenamiento», que se puede "
        "guardar y comparar con otros. La parte de los datos de la que aprende se llama "
        "«conjunto de entrenamiento».",
        "training",
        "The process in which the model learns from examples: it reads a text, tries to write "
        "its summary, measures how wrong it was and corrects its parameters a little to be less "
        "wrong. Each time it is done with certain settings is 'a training run', which can be "
        "saved and compared with others. The part of the data it learns from is called the "
        "'training set'.",
    ),
    (
        "validacion",
        "conjunto de validación",
        "Una parte de los datos con la que el modelo no aprende: durante el entrenamiento se "
        "usa para medir cómo va con ejemplos que no estudió, notar a tiempo si empieza a "
        "memorizar y elegir entre ajustes.",
        "validation set",
        "A part of the data the model does not learn from: during training it is used to "
        "measure how it does on examples it did not study, to notice in time if it starts "
        "memorising, and to choose between settings.",
    ),
    (
        "prueba",
        "conjunto de prueba",
        "Una parte de los datos que se guarda aparte hasta el final: sirve para medir una sola "
        "vez, con ejemplos que el modelo nunca vio, qué tan bien quedó. Si se usara para elegir "
        "ajustes, la nota final sería demasiado optimista.",
        "test set",
        "A part of the data kept aside until the end: it is used to measure once, on examples "
        "the model never saw, how good it turned out. If it were used to choose settings, the "
        "final score would be too optimistic.",
    ),
    (
        "hiperparametros",
        "hiperparámetros",
        "Los ajustes que tú eliges antes de entrenar (cuántas épocas, la tasa de aprendizaje, el "
        "tamaño del lote, la semilla…), a diferencia de los parámetros, que el modelo aprende "
        "solo.",
        "hyperparameters",
        "The settings you choose before training (how many epochs, the learning rate, the "
        "batch size, the seed…), unlike the parameters, which the model learns by itself.",
    ),
    (
        "perfil",
        "perfil",
        "Un conjunto de ajustes ya elegidos para empezar sin pensar en cada uno: «Rápido» para "
        "probar en pocos minutos, «Equilibrado» y «Calidad», que tarda más y suele dar mejores "
        "resúmenes. Después de elegir un perfil se puede cambiar cualquier ajuste.",
        "preset",
        "A set of settings already chosen so you can start without thinking about each one: "
        "'Fast' to try in a few minutes, 'Balanced' and 'Quality', which takes longer and "
        "usually gives better summaries. After picking a preset any setting can be changed.",
    ),
    (
        "paso",
        "paso",
        "Una sola corrección del modelo durante el entrenamiento: lee un lote de ejemplos, mide "
        "su error y ajusta sus parámetros una vez.",
        "step",
        "A single correction of the model during training: it reads one batch of examples, "
        "measures its error and adjusts its parameters once.",
    ),
    (
        "lote",
        "lote",
        "El grupo de ejemplos que el modelo lee juntos en cada paso. Un lote más grande da pasos "
        "más estables pero usa más memoria; con 100 ejemplos y lotes de 4, una época tiene 25 "
        "pasos.",
        "batch",
        "The group of examples the model reads together in each step. A larger batch gives "
        "steadier steps but uses more memory; with 100 examples and batches of 4, one epoch has "
        "25 steps.",
    ),
    (
        "epoca",
        "época",
        "Una vuelta completa por todos los ejemplos de entrenamiento. Con 3 épocas el modelo ve "
        "cada ejemplo 3 veces: más épocas suelen mejorar, hasta que empieza a memorizar.",
        "epoch",
        "One full pass through all the training examples. With 3 epochs the model sees each "
        "example 3 times: more epochs usually help, until it starts memorising.",
    ),
    (
        "tasa_de_aprendizaje",
        "tasa de aprendizaje",
        "Cuánto cambia el modelo en cada paso. Muy alta, da saltos y no aprende (la pérdida sube "
        "o se dispara); muy baja, aprende tan lento que casi no cambia. Se escribe como un "
        "número pequeño, por ejemplo 0,0005.",
        "learning rate",
        "How much the model changes in each step. Too high and it jumps around without learning "
        "(the loss goes up or explodes); too low and it learns so slowly it barely changes. It "
        "is written as a small number, for example 0.0005.",
    ),
    (
        "perdida",
        "pérdida",
        "Un número que mide cuánto se equivoca el modelo al adivinar cada token del resumen "
        "correcto: cuanto más baja, mejor. Durante el entrenamiento debería bajar; si la de "
        "validación sube mientras la de entrenamiento baja, el modelo está memorizando.",
        "loss",
        "A number that measures how wrong the model is when guessing each token of the correct "
        "summary: the lower, the better. During training it should go down; if the validation "
        "loss goes up while the training loss goes down, the model is memorising.",
    ),
    (
        "perplejidad",
        "perplejidad",
        "Otra forma de leer la pérdida, que dice entre cuántos tokens, en promedio, duda el "
        "modelo al elegir el siguiente. Una perplejidad de 10 es como elegir entre 10 opciones cada vez; "
        "1 sería no dudar nunca. Cuanto más baja, mejor.",
        "perplexity",
        "Another way of reading the loss, which says how many tokens, on average, the model "
        "hesitates between when choosing the next one. A perplexity of 10 is like choosing between 10 "
        "options each time; 1 would mean never hesitating. The lower, the better.",
    ),
    (
        "rouge",
        "ROUGE",
        "Una medida, de 0 a 100, de cuánto se parece el resumen del modelo al resumen escrito "
        "por una persona: ROUGE-1 cuenta las palabras que comparten, ROUGE-2 las parejas de "
        "palabras seguidas y ROUGE-L la secuencia más larga de palabras en el mismo orden. Mide "
        "parecido, no verdad: un resumen con un dato inventado puede sacar un ROUGE alto.",
        "ROUGE",
        "A measure, from 0 to 100, of how similar the model's summary is to the summary written "
        "by a person: ROUGE-1 counts the words they share, ROUGE-2 the pairs of consecutive "
        "words and ROUGE-L the longest sequence of words in the same order. It measures "
        "similarity, not truth: a summary with a made-up fact can get a high ROUGE.",
    ),
    (
        "lora",
        "LoRA",
        "Una forma de entrenar que deja quietos los parámetros originales del modelo y solo "
        "aprende unos pocos números nuevos que se suman a ellos. Usa mucha menos memoria y el "
        "resultado ocupa poco; a cambio, a veces aprende un poco menos que entrenar el modelo "
        "completo.",
        "LoRA",
        "A way of training that keeps the model's original parameters still and only learns a "
        "few new numbers added to them. It uses much less memory and the result takes up little "
        "space; in exchange, it sometimes learns a little less than training the whole model.",
    ),
    (
        "sobreajuste",
        "sobreajuste",
        "Cuando el modelo memoriza los ejemplos de entrenamiento en vez de aprender a resumir: "
        "le va cada vez mejor con ellos y peor con textos nuevos. Se nota porque la pérdida de "
        "validación deja de bajar y empieza a subir.",
        "overfitting",
        "When the model memorises the training examples instead of learning to summarise: it "
        "does better and better on them and worse on new texts. You can tell because the "
        "validation loss stops going down and starts going up.",
    ),
    (
        "temperatura",
        "temperatura",
        "Un ajuste de la escritura del modelo: con temperatura baja elige casi siempre el token "
        "más probable (respuestas más previsibles y repetidas); con temperatura alta se arriesga "
        "más (respuestas más variadas, y también más errores).",
        "temperature",
        "A setting of the model's writing: with a low temperature it almost always picks the "
        "most likely token (more predictable, repetitive answers); with a high temperature it "
        "takes more risks (more varied answers, and also more mistakes).",
    ),
    (
        "semilla",
        "semilla",
        "Un número que fija el azar del entrenamiento (el orden de los ejemplos, los valores "
        "iniciales). Con la misma semilla y los mismos ajustes se obtiene el mismo resultado; "
        "cambiarla muestra cuánto de una diferencia se debe a la suerte.",
        "seed",
        "A number that fixes the randomness of training (the order of the examples, the "
        "starting values). With the same seed and the same settings you get the same result; "
        "changing it shows how much of a difference is down to luck.",
    ),
    (
        "intervalo_de_confianza",
        "intervalo de confianza",
        "Un rango de valores entre los que probablemente está el resultado verdadero, dado que "
        "se midió con pocos ejemplos. Si los intervalos de dos entrenamientos se superponen "
        "mucho, su diferencia puede ser pura casualidad.",
        "confidence interval",
        "A range of values that probably contains the true result, given that it was measured "
        "on few examples. If two training runs' intervals overlap a lot, their difference may "
        "be pure chance.",
    ),
    (
        "ficha_del_modelo",
        "ficha del modelo",
        "La página que describe un modelo publicado: quién lo hizo, con qué datos se entrenó, "
        "para qué sirve, sus límites y su licencia. En el Hub es el archivo README.md del modelo "
        "(en inglés, «model card»).",
        "model card",
        "The page that describes a published model: who made it, what data it was trained on, "
        "what it is for, its limits and its licence. On the Hub it is the model's README.md "
        "file.",
    ),
    (
        "hub",
        "Hub de Hugging Face",
        "Un sitio web público (huggingface.co) donde se comparten gratis modelos, conjuntos de "
        "datos y demostraciones. Las librerías del curso descargan de ahí un modelo con solo "
        "escribir su nombre, si hay conexión a internet.",
        "Hugging Face Hub",
        "A public website (huggingface.co) where models, datasets and demos are shared for "
        "free. The course's libraries download a model from there just by writing its name, "
        "when there is an internet connection.",
    ),
    (
        "gpu",
        "GPU",
        "Un chip pensado para hacer muchas cuentas a la vez; entrena modelos decenas de veces "
        "más rápido que el procesador normal de la computadora. En Colab se activa en Entorno "
        "de ejecución → Cambiar tipo de entorno de ejecución.",
        "GPU",
        "A chip designed to do many calculations at once; it trains models tens of times faster "
        "than the computer's ordinary processor. In Colab it is turned on in Runtime → Change "
        "runtime type.",
    ),
    # Notebook 4 (experiments) and notebook 5 (responsible use): added by their helper.
    (
        "experimento",
        "experimento",
        "Comparar entrenamientos que se diferencian en algo que tú eliges (un ajuste, los datos, "
        "la semilla) para saber qué efecto tiene ese cambio.",
        "experiment",
        "Comparing training runs that differ in something you choose (a setting, the data, the "
        "seed) to find out what effect that change has.",
    ),
    (
        "barrido",
        "barrido",
        "Entrenar la misma configuración una vez por cada combinación de unos valores que eliges "
        "(por ejemplo, 2 tasas de aprendizaje × 2 números de pasos = 4 entrenamientos).",
        "sweep",
        "Training the same configuration once for each combination of some values you choose "
        "(for example, 2 learning rates × 2 step counts = 4 training runs).",
    ),
    (
        "bootstrap",
        "bootstrap",
        "Una forma de calcular el intervalo de confianza: se sortean muchas veces nuevos "
        "conjuntos de prueba tomando al azar ejemplos de los que hay, y se mira cuánto varía la "
        "nota.",
        "bootstrap",
        "A way to compute a confidence interval: new test sets are drawn many times by picking "
        "examples at random from the ones there are, and one looks at how much the score varies.",
    ),
    (
        "prueba_pareada",
        "prueba pareada",
        "Comparar dos entrenamientos ejemplo por ejemplo, con los mismos textos de prueba, para "
        "saber si uno es de verdad mejor que el otro.",
        "paired test",
        "Comparing two training runs example by example, on the same test texts, to find out "
        "whether one is really better than the other.",
    ),
    (
        "valor_p",
        "valor p",
        "La probabilidad de ver una diferencia al menos así de grande si en realidad los dos "
        "entrenamientos fueran igual de buenos. Si es pequeño (menos de 0,05), la diferencia "
        "difícilmente es casualidad.",
        "p-value",
        "The probability of seeing a difference at least this large if the two training runs "
        "were really equally good. If it is small (below 0.05), the difference is unlikely to "
        "be chance.",
    ),
    (
        "huella_de_los_datos",
        "huella de los datos",
        "Un código corto calculado a partir de los textos de prueba: si dos entrenamientos "
        "tienen la misma huella, se midieron con los mismos ejemplos y se pueden comparar.",
        "data fingerprint",
        "A short code computed from the test texts: if two training runs have the same "
        "fingerprint, they were measured on the same examples and can be compared.",
    ),
    (
        "banco_de_pruebas",
        "banco de pruebas",
        "Una lista fija de textos que te importan y que usas siempre para leer y comparar los "
        "resúmenes de cada modelo.",
        "test bench",
        "A fixed list of texts you care about, always used to read and compare each model's "
        "summaries.",
    ),
    (
        "alucinacion",
        "dato inventado (alucinación)",
        "Un nombre, número, lugar o hecho que el modelo escribe con total seguridad aunque el "
        "texto no lo dice. Pasa porque el modelo elige palabras probables, no comprueba hechos; "
        "por eso hay que leer los resúmenes.",
        "made-up fact (hallucination)",
        "A name, number, place or fact the model writes with full confidence although the text "
        "does not say it. It happens because the model picks likely words and checks no facts; "
        "that is why summaries must be read.",
    ),
    (
        "sesgo",
        "sesgo",
        "Una inclinación sistemática que el modelo aprende de sus datos: si casi todos los "
        "textos vienen de un lugar, un grupo o un estilo, resumirá mejor esos y peor los demás, "
        "y puede repetir sus prejuicios.",
        "bias",
        "A systematic leaning the model learns from its data: if nearly all the texts come from "
        "one place, group or style, it will summarize those better and the rest worse, and it "
        "may repeat their prejudices.",
    ),
    (
        "memorizacion",
        "memorización",
        "Cuando un modelo guarda en sus parámetros fragmentos literales de los textos con que se "
        "entrenó y puede repetirlos al escribir. Es un riesgo de privacidad si esos textos eran "
        "privados.",
        "memorization",
        "When a model keeps word-for-word pieces of its training texts in its parameters and "
        "can repeat them when writing. It is a privacy risk if those texts were private.",
    ),
    (
        "datos_personales",
        "datos personales",
        "Información que identifica a una persona o permite saber algo de ella: nombre, "
        "dirección, teléfono, salud, documentos. Antes de entrenar con textos que los tengan, "
        "conviene quitarlos o reemplazarlos (por ejemplo, por [NOMBRE]).",
        "personal data",
        "Information that identifies a person or tells something about them: name, address, "
        "phone number, health, documents. Before training on texts that contain it, remove it or "
        "replace it (for example with [NAME]).",
    ),
    # Notebooks 2 and 3 (data, inputs, evaluation).
    (
        "limpieza",
        "limpieza de datos",
        "Revisar los pares antes de entrenar: quitar etiquetas HTML y espacios de más, y "
        "descartar filas vacías, repetidas, con textos demasiado cortos o con «resúmenes» más "
        "largos que el texto. El curso cuenta cada arreglo en un informe de limpieza.",
        "data cleaning",
        "Going over the pairs before training: removing HTML tags and extra spaces, and dropping "
        "rows that are empty, repeated, too short or whose «summary» is longer than the text. "
        "The course counts each fix in a cleaning report.",
    ),
    (
        "token_especial",
        "token especial",
        "Un token que no viene del texto sino que tiene un significado propio para el modelo: "
        "por ejemplo, el que marca dónde termina un texto, el de relleno y el «desconocido», que "
        "reemplaza lo que el tokenizador no sabe escribir (esa información se pierde).",
        "special token",
        "A token that does not come from the text but has a meaning of its own for the model: "
        "for example, the one that marks where a text ends, the padding one and the «unknown» "
        "one, which replaces what the tokenizer cannot write (that information is lost).",
    ),
    (
        "truncar",
        "truncar",
        "Cortar el final de un texto que tiene más tokens que la longitud máxima. Lo que queda "
        "afuera, el modelo no lo ve.",
        "truncate",
        "Cutting the end of a text that has more tokens than the maximum length. The model does "
        "not see what is left out.",
    ),
    (
        "relleno",
        "relleno (padding)",
        "Tokens vacíos que se agregan a los textos cortos de un lote para que todos "
        "tengan el mismo largo, como una tabla rectangular. El modelo los ignora gracias a la "
        "máscara de atención.",
        "padding",
        "Empty tokens added to the short texts of a batch so that all have the same "
        "length, like a rectangular table. The model ignores them thanks to the attention mask.",
    ),
    (
        "mascara_de_atencion",
        "máscara de atención",
        "Una lista de unos y ceros que acompaña a cada texto de un lote: 1 para los tokens "
        "reales y 0 para el relleno, que así el modelo no tiene en cuenta.",
        "attention mask",
        "A list of ones and zeros that goes with each text of a batch: 1 for the real tokens "
        "and 0 for the padding, which the model then leaves out.",
    ),
    (
        "longitud_maxima",
        "longitud máxima",
        "Cuántos tokens de cada texto (max_input_length) y de cada resumen (max_target_length) "
        "se usan al entrenar; lo que pasa de ahí se corta. Una regla práctica: que se corte como "
        "mucho el 5 % de los textos.",
        "maximum length",
        "How many tokens of each text (max_input_length) and of each summary "
        "(max_target_length) are used in training; anything longer is cut. A rule of thumb: "
        "cut at most 5 % of the texts.",
    ),
    (
        "linea_de_base",
        "línea de base",
        "Un método muy sencillo con el que se compara un modelo; aquí, «resumir» copiando la "
        "primera oración del texto. Un modelo que no la supera todavía no aporta nada.",
        "baseline",
        "A very simple method a model is compared with; here, «summarizing» by copying the "
        "text's first sentence. A model that does not beat it adds nothing yet.",
    ),
    (
        "busqueda_por_haces",
        "búsqueda por haces (beams)",
        "Una forma de generar texto: en lugar de elegir siempre el token más probable, el modelo "
        "sigue varias versiones a la vez (los haces) y se queda con la mejor en conjunto.",
        "beam search",
        "A way of generating text: instead of always choosing the most likely token, the model "
        "follows several versions at once (the beams) and keeps the best one overall.",
    ),
]

MESSAGES = {
    "glossary.title": {"es": "Glosario", "en": "Glossary"},
    "glossary.unknown_term": {
        "es": "El glosario no tiene el término «{term}». Términos disponibles: {available}.",
        "en": "The glossary has no term '{term}'. Available terms: {available}.",
    },
}
for _id, _es_term, _es_definition, _en_term, _en_definition in _TERMS:
    MESSAGES[f"glossary.{_id}.term"] = {"es": _es_term, "en": _en_term}
    MESSAGES[f"glossary.{_id}.definition"] = {"es": _es_definition, "en": _en_definition}

# The term ids in the order the glossary lists them (a notebook's cell chooses its own order).
TERM_IDS = [entry[0] for entry in _TERMS]


def with_definitions(
    terms: list[str], then: dict[str, str], named: bool = False
) -> dict[str, str]:
    """A message that starts with the glossary's definition of each of ``terms`` and goes on
    with ``then`` (``{"es": ..., "en": ...}``): how a widget's help explains an idea the
    glossary defines without a second wording of it (``config.learning_rate.help``,
    ``tokviz.intro``, ...). With ``named``, each definition comes after its term («Pérdida:
    un número que…»), for a text that is not already under the term's label. The definitions
    hold no ``{}``, so ``then`` may use parameters."""

    def definition(term: str, language: str) -> str:
        text = MESSAGES[f"glossary.{term}.definition"][language]
        if not named:
            return text
        name = MESSAGES[f"glossary.{term}.term"][language]
        # "Un número" after a colon reads "un número"; an acronym ("ROUGE", "GPU") keeps its case.
        first = text.split(" ", 1)[0]
        if not (len(first) > 1 and first.isupper()):
            text = text[0].lower() + text[1:]
        return f"{name[0].upper()}{name[1:]}: {text}"

    return {
        language: " ".join([*(definition(term, language) for term in terms), text])
        for language, text in then.items()
    }


# The vocabulary rules of every Spanish text a learner reads: (regex, preferred word, why). The
# regexes are matched case-insensitively (Python's \b understands accented letters). A rule's
# exceptions are built into its regex: "ficha del modelo" (the model card) and Colab's menu name
# "entorno de ejecución" are allowed.
FORBIDDEN_SYNONYMS = [
    (
        r"\bfichas?\b(?!\s+de(?:l|\s+(?:los|cada|un|tu|su|este|ese))?\s+modelos?\b)",
        "token (o «ficha del modelo» para la model card)",
        "a token is always «token»; «ficha» only names the model card («ficha del modelo»)",
    ),
    (r"\bpiezas?\b", "token", "a token is always «token», never «pieza»"),
    (r"\bpreajustes?\b", "perfil", "a preset of settings is a «perfil»"),
    (
        r"(?<!entorno de )(?<!entornos de )\bejecuci(?:ón|on|ones)\b",
        "entrenamiento",
        "a training run is «un entrenamiento»; only Colab's menu «entorno de ejecución» keeps "
        "the word",
    ),
    (r"\bordenador(?:es)?\b", "computadora", "Latin American Spanish says «computadora»"),
    (
        r"(?:\b(?:tecla|teclas|pulsa\w*|presiona\w*|oprim\w*|aprieta\w*|apretar|con|y)\s+"
        r"|\+\s*|«)intro\b",
        "Enter (Mayús + Enter)",
        "the key is called «Enter» in Latin America",
    ),
    (r"\benhorabuena\b", "¡Felicitaciones!", "Latin American Spanish says «¡Felicitaciones!»"),
    (r"\bficheros?\b", "archivo", "Latin American Spanish says «archivo»"),
    (
        r"\bpinch(?:a|á|ar|as|e|en|es|ando|ad|ó)\b",
        "hacer clic",
        "Latin American Spanish says «hacer clic»",
    ),
    (
        r"\b(?:cog(?:e|er|es|en|emos|iendo|ido|ió|ed)|coj(?:a|an|as|o))\b",
        "tomar",
        "«coger» is vulgar in much of Latin America; say «tomar»",
    ),
    (
        r"(?<!media )(?<!pago )\bm[oó]vil(?:es)?\b",
        "celular",
        "Latin American Spanish says «celular» for a phone",
    ),
    (r"\bvosotr[oa]s\b", "ustedes", "Latin American Spanish uses «ustedes»"),
    (r"\b(?:podéis|tenéis|habéis)\b", "pueden / tienen / han (ustedes)",
     "Latin American Spanish uses the «ustedes» forms"),
]
