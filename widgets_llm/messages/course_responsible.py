"""Messages of notebook 5 (responsible use), of the new exercises of notebooks 3 and 5, and of
the help a learner gets for an answer typed without quotes or with a decimal comma."""

MESSAGES = {
    # ------------------------------------------------------------------ answering exercises
    "course.answer.decimal_comma": {
        "es": "(Escribiste {written}: en Python la coma separa valores, así que lo leí como {point}, que es lo que querías decir. La próxima vez escribe los decimales con punto: {point}.)",
        "en": "(You wrote {written}: in Python a comma separates values, so I read it as {point}, which is what you meant. Next time write decimals with a point: {point}.)",
    },
    "course.answer.without_quotes": {
        "es": "Python leyó «{name}» como el nombre de una variable, y no existe ninguna con ese nombre. Si tu respuesta es un texto (una letra o una palabra), escríbela entre comillas: respuesta = \"{name}\". Los números van sin comillas, con punto decimal: respuesta = 7.39.",
        "en": "Python read «{name}» as the name of a variable, and there is none with that name. If your answer is text (a letter or a word), write it in quotes: respuesta = \"{name}\". Numbers go without quotes, with a decimal point: respuesta = 7.39.",
    },
    "course.answer.run_cells_first": {
        "es": "Python no conoce «{name}» todavía: falta ejecutar una celda de más arriba (la que lo crea). Ejecuta las celdas del cuaderno en orden, desde el principio (en Colab: Entorno de ejecución → Ejecutar anteriores), y vuelve a esta.",
        "en": "Python does not know «{name}» yet: a cell further up (the one that creates it) has not been run. Run the notebook's cells in order from the top (in Colab: Runtime → Run before) and come back to this one.",
    },
    "course.data_note.example": {
        "es": "(Calculado con los datos de ejemplo del curso, «{name}».)",
        "en": "(Computed on the course's example data, '{name}'.)",
    },
    "course.data_note.own": {
        "es": "(Calculado con tus datos, «{name}».)",
        "en": "(Computed on your data, '{name}'.)",
    },
    # ------------------------------------------------------------------ 01-biblioteca
    "course.ex.01-biblioteca.several": {
        "es": "Nombraste varias bibliotecas ({names}): elige una sola, la que carga y prepara los conjuntos de datos.",
        "en": "You named several libraries ({names}): pick just one, the one that loads and prepares data sets.",
    },
    # ------------------------------------------------------------------ 03-sobreajuste
    "course.overfitting.title": {
        "es": "Curvas de ejemplo (inventadas para el ejercicio)",
        "en": "Example curves (made up for the exercise)",
    },
    "course.overfitting.x_axis": {"es": "Época", "en": "Epoch"},
    "course.overfitting.y_axis": {"es": "Pérdida", "en": "Loss"},
    "course.overfitting.train": {"es": "Pérdida de entrenamiento", "en": "Training loss"},
    "course.overfitting.validation": {"es": "Pérdida de validación", "en": "Validation loss"},
    "course.ex.03-sobreajuste.correct": {
        "es": "En la época {best} la pérdida de validación es la más baja; desde ahí sube mientras la de entrenamiento sigue bajando: el modelo empieza a memorizar los ejemplos de entrenamiento en vez de aprender lo que sirve con textos nuevos. Conviene quedarse con el modelo de la época {best}.",
        "en": "At epoch {best} the validation loss is at its lowest; from there it rises while the training loss keeps falling: the model starts memorizing the training examples instead of learning what works on new texts. Keep the model of epoch {best}.",
    },
    "course.ex.03-sobreajuste.one_late": {
        "es": "Casi: en esa época la pérdida de validación ya subió un poco. El punto más bajo de la línea roja (validación) está una época antes.",
        "en": "Almost: at that epoch the validation loss has already gone up a little. The lowest point of the red line (validation) is one epoch earlier.",
    },
    "course.ex.03-sobreajuste.training_lowest": {
        "es": "Ahí la pérdida de entrenamiento es la más baja, pero la de validación es la peor: el modelo se aprendió de memoria los ejemplos de entrenamiento. Mira la línea roja (validación), no la azul.",
        "en": "There the training loss is lowest, but the validation loss is the worst: the model learned the training examples by heart. Look at the red line (validation), not the blue one.",
    },
    "course.ex.03-sobreajuste.early": {
        "es": "Todavía no: en esa época la pérdida de validación sigue bajando, así que el modelo aún aprende cosas que sirven con textos nuevos.",
        "en": "Not yet: at that epoch the validation loss is still falling, so the model is still learning things that work on new texts.",
    },
    "course.ex.03-sobreajuste.late": {
        "es": "Para esa época la pérdida de validación ya lleva varias épocas subiendo. Busca el punto más bajo de la línea roja (validación).",
        "en": "By that epoch the validation loss has been rising for several epochs. Look for the lowest point of the red line (validation).",
    },
    "course.ex.03-sobreajuste.out_of_range": {
        "es": "Escribe el número de una época del gráfico: un número entero del 1 al {last}.",
        "en": "Write the number of one of the chart's epochs: a whole number from 1 to {last}.",
    },
    "course.ex.03-sobreajuste.hint": {
        "es": "Sigue la línea roja (validación): ¿en qué época llega a su punto más bajo antes de empezar a subir?",
        "en": "Follow the red line (validation): at which epoch does it reach its lowest point before it starts rising?",
    },
    "course.ex.03-sobreajuste.solution": {
        "es": "{best} (la pérdida de validación es la más baja en la época {best} y después sube)",
        "en": "{best} (the validation loss is lowest at epoch {best} and rises afterwards)",
    },
    # ------------------------------------------------------------------ 03-rouge-a-mano
    "course.ex.03-rouge-a-mano.correct": {
        "es": "Hay {shared} palabras en común. Precisión = {shared}/{summary_words} = {shown_precision}; exhaustividad = {shared}/{reference_words} = {shown_recall}; F = 2 × P × R / (P + R) = {shown_f1}, es decir, {shown_percent} sobre 100: lo mismo que calcula el motor. Y sin embargo el resumen se equivoca de día: ROUGE cuenta palabras, no comprueba hechos.",
        "en": "There are {shared} words in common. Precision = {shared}/{summary_words} = {shown_precision}; recall = {shared}/{reference_words} = {shown_recall}; F = 2 × P × R / (P + R) = {shown_f1}, that is {shown_percent} out of 100: the same as the engine computes. And yet the summary has the wrong day: ROUGE counts words, it does not check facts.",
    },
    "course.ex.03-rouge-a-mano.count": {
        "es": "Sí, hay {shared} palabras en común: ese es el primer paso. Ahora divide: precisión = {shared}/{summary_words} (palabras del resumen) y exhaustividad = {shared}/{reference_words} (palabras de la referencia), y combínalas con F = 2 × P × R / (P + R).",
        "en": "Yes, there are {shared} words in common: that is the first step. Now divide: precision = {shared}/{summary_words} (the summary's words) and recall = {shared}/{reference_words} (the reference's words), and combine them with F = 2 × P × R / (P + R).",
    },
    "course.ex.03-rouge-a-mano.precision": {
        "es": "Esa es la precisión ({shared}/{summary_words}: qué parte del resumen está en la referencia). ROUGE-1 (F) combina la precisión con la exhaustividad ({shared}/{reference_words}).",
        "en": "That is the precision ({shared}/{summary_words}: how much of the summary is in the reference). ROUGE-1 (F) combines precision with recall ({shared}/{reference_words}).",
    },
    "course.ex.03-rouge-a-mano.recall": {
        "es": "Esa es la exhaustividad ({shared}/{reference_words}: qué parte de la referencia recoge el resumen). ROUGE-1 (F) la combina con la precisión ({shared}/{summary_words}).",
        "en": "That is the recall ({shared}/{reference_words}: how much of the reference the summary covers). ROUGE-1 (F) combines it with precision ({shared}/{summary_words}).",
    },
    "course.ex.03-rouge-a-mano.average": {
        "es": "Ese es el promedio común de precisión y exhaustividad. F usa otra fórmula, que castiga más cuando una de las dos es baja: F = 2 × P × R / (P + R).",
        "en": "That is the plain average of precision and recall. F uses another formula, which punishes more when one of them is low: F = 2 × P × R / (P + R).",
    },
    "course.ex.03-rouge-a-mano.rounding": {
        "es": "Muy cerca: revisa el redondeo. Calcula P, R y F con tres decimales y redondea solo al final.",
        "en": "Very close: check the rounding. Work out P, R and F with three decimals and round only at the end.",
    },
    "course.ex.03-rouge-a-mano.wrong": {
        "es": "No es ese. Cuenta las palabras en común ({shared}), divide entre las palabras del resumen ({summary_words}) y de la referencia ({reference_words}), y combina: F = 2 × P × R / (P + R).",
        "en": "Not that one. Count the words in common ({shared}), divide by the words of the summary ({summary_words}) and of the reference ({reference_words}), and combine: F = 2 × P × R / (P + R).",
    },
    "course.ex.03-rouge-a-mano.hint": {
        "es": "Cuenta las palabras que están en los dos (sin importar mayúsculas ni puntos). Precisión = en común ÷ palabras del resumen; exhaustividad = en común ÷ palabras de la referencia; F = 2 × P × R / (P + R).",
        "en": "Count the words that are in both (ignoring capitals and full stops). Precision = in common ÷ the summary's words; recall = in common ÷ the reference's words; F = 2 × P × R / (P + R).",
    },
    "course.ex.03-rouge-a-mano.solution": {
        "es": "{shown_f1} (o {shown_percent} sobre 100): {shared} palabras en común; P = {shared}/{summary_words}, R = {shared}/{reference_words}.",
        "en": "{shown_f1} (or {shown_percent} out of 100): {shared} words in common; P = {shared}/{summary_words}, R = {shared}/{reference_words}.",
    },
    # ------------------------------------------------------------------ 03-temperatura
    "course.ex.03-temperatura.correct": {
        "es": "Con más temperatura el modelo se anima a elegir palabras menos probables: los resúmenes cambian más de una vez a otra y pueden sonar más creativos, pero también aparecen más palabras raras, errores y datos inventados. Para resumir con fidelidad se usa una temperatura baja (o sin muestreo).",
        "en": "With a higher temperature the model dares to pick less likely words: summaries change more from one run to the next and may sound more creative, but more odd words, mistakes and made-up facts appear too. To summarize faithfully, use a low temperature (or no sampling).",
    },
    "course.ex.03-temperatura.a": {
        "es": "La longitud la fijan otros ajustes (la longitud máxima, por ejemplo). La temperatura cambia cómo se elige cada palabra, no cuántas se escriben.",
        "en": "Length is set by other settings (the maximum length, for instance). Temperature changes how each word is chosen, not how many are written.",
    },
    "course.ex.03-temperatura.b": {
        "es": "La temperatura no toca el entrenamiento: solo actúa al generar, con el modelo ya entrenado. Lo que aprendió no cambia.",
        "en": "Temperature does not touch training: it only acts when generating, with the model already trained. What it learned does not change.",
    },
    "course.ex.03-temperatura.d": {
        "es": "Al revés: con más temperatura el modelo se arriesga con palabras poco probables, así que la exactitud suele bajar. El modelo no «piensa» más.",
        "en": "The opposite: with a higher temperature the model takes chances on unlikely words, so accuracy usually drops. The model does not 'think' more.",
    },
    "course.ex.03-temperatura.hint": {
        "es": "La temperatura regula cuánto azar hay al elegir cada palabra cuando se genera con muestreo.",
        "en": "Temperature sets how much chance there is in picking each word when generating with sampling.",
    },
    "course.ex.03-temperatura.solution": {"es": "\"c\"", "en": "\"c\""},
    # ------------------------------------------------------------------ notebook 5
    "course.resp.column.example": {"es": "Ejemplo", "en": "Example"},
    "course.resp.column.summary": {"es": "Resumen", "en": "Summary"},
    "course.resp.column.reference": {"es": "Resumen de referencia", "en": "Reference summary"},
    "course.resp.column.details": {
        "es": "Nombres, números o lugares que el texto no dice",
        "en": "Names, numbers or places the text does not say",
    },
    "course.resp.column.true": {"es": "¿Dice la verdad?", "en": "Is it true?"},
    "course.resp.column.shared": {
        "es": "Palabras seguidas en común con un texto de entrenamiento",
        "en": "Words in a row shared with a training text",
    },
    "course.resp.column.span": {"es": "Cuáles", "en": "Which"},
    "course.resp.column.verdict": {"es": "Qué significa", "en": "What it means"},
    "course.resp.details.none": {"es": "ninguno", "en": "none"},
    "course.resp.data.example": {
        "es": "Datos: el ejemplo del curso, «{name}» (135 pares escritos para el curso, de 21 países hispanohablantes; todo su contenido es inventado).",
        "en": "Data: the course's example, '{name}' (135 pairs written for the course, from 21 Spanish-speaking countries; all of its content is made up).",
    },
    "course.resp.data.own": {"es": "Datos: los tuyos, «{name}».", "en": "Data: yours, '{name}'."},
    "course.resp.data.pairs": {"es": "Pares texto-resumen: {count}.", "en": "Text-summary pairs: {count}."},
    "course.resp.data.range": {
        "es": "de {low} a {high} (la mitad tiene menos de {median})",
        "en": "from {low} to {high} (half have fewer than {median})",
    },
    "course.resp.data.text_words": {"es": "Palabras por texto: {words}.", "en": "Words per text: {words}."},
    "course.resp.data.summary_words": {
        "es": "Palabras por resumen: {words}.",
        "en": "Words per summary: {words}.",
    },
    "course.resp.data.column": {
        "es": "Columna «{column}»: {distinct} valores distintos; los más frecuentes: {top}.",
        "en": "Column '{column}': {distinct} distinct values; the most frequent: {top}.",
    },
    "course.resp.data.preview_only": {
        "es": "(Contado en las primeras {rows} filas: el archivo completo no se pudo volver a leer.)",
        "en": "(Counted on the first {rows} rows: the whole file could not be read again.)",
    },
    "course.resp.data.no_columns": {
        "es": "El archivo no tiene columnas que digan de dónde viene cada texto (fuente, autor, país, fecha). Anótalo tú: sin eso es difícil saber qué voces faltan.",
        "en": "The file has no columns saying where each text comes from (source, author, country, date). Write it down yourself: without it, it is hard to know which voices are missing.",
    },
    "course.resp.data.questions": {
        "es": "Preguntas para pensar: ¿quién escribió estos textos y para quién? ¿Qué regiones, grupos, edades o formas de hablar faltan o sobran? ¿Quién escribió los resúmenes y qué decidió dejar fuera? El modelo aprenderá a resumir como estos ejemplos, con sus huecos.",
        "en": "Questions to think about: who wrote these texts, and for whom? Which regions, groups, ages or ways of speaking are missing or over-represented? Who wrote the summaries, and what did they choose to leave out? The model will learn to summarize like these examples, gaps included.",
    },
    "course.resp.shared": {
        "es": "{count} palabras seguidas en común: «{words}».",
        "en": "{count} words in a row in common: '{words}'.",
    },
    "course.resp.memory.short": {
        "es": "pocas palabras: frases comunes, nada que revisar",
        "en": "few words: common phrases, nothing to check",
    },
    "course.resp.memory.own_text": {
        "es": "copiado del texto que resume (esperable)",
        "en": "copied from the text it summarizes (expected)",
    },
    "course.resp.memory.check": {
        "es": "revisa: viene de un texto de entrenamiento que no estaba en su texto",
        "en": "check: it comes from a training text that was not in its text",
    },
    "course.resp.energy.no_time": {
        "es": "No encontré cuánto duró el entrenamiento (la carpeta no tiene run.json con su tiempo). Pasa los segundos: course.energy_estimate(seconds=60).",
        "en": "I could not find how long training took (the folder has no run.json with its time). Pass the seconds: course.energy_estimate(seconds=60).",
    },
    "course.resp.energy.device.cpu": {
        "es": "una computadora sin GPU (CPU)",
        "en": "a computer without a GPU (CPU)",
    },
    "course.resp.energy.device.cuda": {"es": "una GPU", "en": "a GPU"},
    "course.resp.energy.device.mps": {"es": "un chip de Apple", "en": "an Apple chip"},
    "course.resp.energy.run": {
        "es": "El entrenamiento duró {seconds} s en {device}, que gasta entre {low_w} y {high_w} W mientras trabaja: unos {low} a {high} Wh (vatios-hora).",
        "en": "Training took {seconds} s on {device}, which draws between {low_w} and {high_w} W while working: about {low} to {high} Wh (watt-hours).",
    },
    "course.resp.energy.compare": {
        "es": "Para comparar: es como una bombilla LED de 10 W encendida {bulb} minutos, o el {phone} % de una carga completa de un celular.",
        "en": "To compare: like a 10 W LED bulb on for {bulb} minutes, or {phone} % of a full phone charge.",
    },
    "course.resp.energy.large": {
        "es": "Entrenar desde cero un modelo grande es otra escala: para GPT-3 se estimaron unos {mwh} MWh (Patterson y otros, 2021), unas {times} veces más que este entrenamiento. Afinar un modelo preentrenado aprovecha ese gasto ya hecho en vez de repetirlo.",
        "en": "Training a large model from scratch is another scale: about {mwh} MWh were estimated for GPT-3 (Patterson et al., 2021), some {times} times this training. Fine-tuning a pretrained model builds on that spent energy instead of repeating it.",
    },
    "course.resp.energy.honest": {
        "es": "Es una estimación gruesa: no medimos el consumo real, solo multiplicamos el tiempo por una potencia típica. Tampoco cuenta fabricar los equipos, enfriarlos ni usar el modelo después (cada resumen también gasta).",
        "en": "It is a rough estimate: we did not measure real consumption, only multiplied the time by a typical power draw. Nor does it count making the machines, cooling them or using the model afterwards (each summary costs energy too).",
    },
    "course.resp.card.missing": {
        "es": "No encontré la ficha del modelo en {path}: ¿se guardó el entrenamiento? Ejecuta primero la celda que entrena.",
        "en": "I could not find the model card at {path}: was the run saved? Run the training cell first.",
    },
    "course.resp.card.no_section": {
        "es": "La ficha del modelo no tiene la sección «{title}».",
        "en": "The model card has no section '{title}'.",
    },
    # ------------------------------------------------------------------ 05-dato-inventado
    "course.ex.05-dato-inventado.correct": {
        "es": "El resumen {number} dice {details}, y el texto no lo dice: es un dato inventado. Suena tan seguro como los demás y ROUGE no lo castiga mucho; por eso hay que leer los resúmenes comparando nombres, números y lugares con el texto.",
        "en": "Summary {number} says {details}, and the text does not: it is a made-up fact. It sounds as sure as the others and ROUGE barely punishes it; that is why summaries must be read, checking names, numbers and places against the text.",
    },
    "course.ex.05-dato-inventado.supported": {
        "es": "En el resumen {chosen}, los nombres, números y lugares están en el texto. Revisa los otros: en uno, un dato no coincide con el texto.",
        "en": "In summary {chosen}, the names, numbers and places are in the text. Check the others: in one, a detail does not match the text.",
    },
    "course.ex.05-dato-inventado.out_of_range": {
        "es": "El visor tiene {count} ejemplos: escribe un número entero del 1 al {count}, sin comillas.",
        "en": "The viewer has {count} examples: write a whole number from 1 to {count}, without quotes.",
    },
    "course.ex.05-dato-inventado.hint": {
        "es": "Para cada ejemplo, busca en el texto cada número del resumen «Modelo entrenado» (presiona «Ver más» para leer el texto completo). Fíjate en las cantidades de personas, plazas o cupos.",
        "en": "For each example, look in the text for each number of the «Fine-tuned model» summary (press «Show more» to read the whole text). Watch the counts of people, places or seats.",
    },
    "course.ex.05-dato-inventado.solution": {
        "es": "{number}: el resumen dice {details}, y el texto no.",
        "en": "{number}: the summary says {details}, and the text does not.",
    },
    # ------------------------------------------------------------------ 05-memoria
    "course.ex.05-memoria.correct": {
        "es": "El modelo recuerda fragmentos de un correo privado y puede repetírselos a cualquiera que lo use. Compártelo solo con quienes ya podían leer esos correos, y antes de volver a entrenar quita o reemplaza los datos personales.",
        "en": "The model remembers pieces of a private email and can repeat them to anyone who uses it. Share it only with people who could already read those emails, and remove or replace the personal data before training again.",
    },
    "course.ex.05-memoria.a": {
        "es": "Sí importa: esas palabras vienen de un correo privado que el modelo memorizó, y cualquiera que use el modelo podría verlas.",
        "en": "It does matter: those words come from a private email the model memorized, and anyone using the model could see them.",
    },
    "course.ex.05-memoria.b": {
        "es": "El modelo no guarda los textos como archivos, pero sus parámetros pueden recordar fragmentos: este resumen lo demuestra. Compartir el modelo es compartir lo que recuerda.",
        "en": "The model does not keep the texts as files, but its parameters can remember pieces: this summary proves it. Sharing the model shares what it remembers.",
    },
    "course.ex.05-memoria.d": {
        "es": "Entrenar más con los mismos textos suele aumentar la memorización, no reducirla: es el sobreajuste.",
        "en": "Training longer on the same texts usually increases memorization rather than reducing it: that is over-fitting.",
    },
    "course.ex.05-memoria.hint": {
        "es": "¿Quién puede usar el modelo, y qué podría leer en sus resúmenes?",
        "en": "Who can use the model, and what could they read in its summaries?",
    },
    "course.ex.05-memoria.solution": {"es": "\"c\"", "en": "\"c\""},
    # ------------------------------------------------------------------ 05-cuando-no
    "course.ex.05-cuando-no.correct": {
        "es": "Un boletín interno que una persona revisa antes de enviarlo es un buen uso: si el modelo inventa o se salta algo, alguien lo ve a tiempo, y un error no decide nada importante sobre nadie.",
        "en": "An internal newsletter that a person checks before sending is a good use: if the model makes something up or leaves something out, someone catches it in time, and a mistake decides nothing important about anyone.",
    },
    "course.ex.05-cuando-no.a": {
        "es": "Una historia clínica resumida con un dato inventado o un olvido puede dañar a un paciente. En salud, un modelo así no debe decidir ni resumir sin que un profesional lo revise todo.",
        "en": "A medical record summarized with a made-up fact or an omission can harm a patient. In health care, such a model must not decide or summarize without a professional checking everything.",
    },
    "course.ex.05-cuando-no.c": {
        "es": "Decidir sobre personas (a quién entrevistar, a quién dar un beneficio) con un modelo repite los sesgos de sus datos y nadie puede explicar por qué descartó a alguien. Esas decisiones las toman personas.",
        "en": "Deciding about people (whom to interview, who gets a benefit) with a model repeats the biases of its data, and no one can explain why someone was turned down. People make those decisions.",
    },
    "course.ex.05-cuando-no.d": {
        "es": "Un contrato resumido puede omitir justo la cláusula que importa, y el modelo puede inventar condiciones. Lo legal se lee completo, con ayuda de una persona que sepa.",
        "en": "A summarized contract may leave out exactly the clause that matters, and the model can make up terms. Legal texts are read in full, with help from someone who knows.",
    },
    "course.ex.05-cuando-no.hint": {
        "es": "¿En cuál de los usos un error del modelo lo ve una persona a tiempo y no decide nada importante sobre alguien?",
        "en": "In which use is a mistake by the model caught by a person in time, without deciding anything important about someone?",
    },
    "course.ex.05-cuando-no.solution": {"es": "\"b\"", "en": "\"b\""},
}
