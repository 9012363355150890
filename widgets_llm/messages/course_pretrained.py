"""Messages of notebook 1's pretrained classifier (widgets_llm/course/pretrained.py)."""

MESSAGES = {
    # ---- the example the cell classifies when the learner gives no text
    "course.classifier.example_text": {
        "es": "La cooperativa de cafeteros de Caldas exportó este año un veinte por ciento más que el anterior gracias a los nuevos compradores de Asia, y las familias socias recibirán un mejor precio por cada kilo.",
        "en": "The coffee growers' cooperative of Caldas exported twenty percent more this year than last, thanks to new buyers in Asia, and its member families will get a better price for every kilo.",
    },
    # Comma-separated, in the order the illustrative scores in pretrained.py follow.
    "course.classifier.example_labels": {
        "es": "economía, deportes, cultura, salud, política",
        "en": "economy, sports, culture, health, politics",
    },
    # The sentence the model checks for each label ("{}" becomes the label).
    "course.classifier.hypothesis": {
        "es": "Este texto trata de {}.",
        "en": "This text is about {}.",
    },
    # ---- with the model
    "course.classifier.text": {"es": "Texto:\n{text}\n", "en": "Text:\n{text}\n"},
    "course.classifier.scores": {
        "es": "Temas según el modelo «{model}», del más probable al menos probable:",
        "en": "Topics according to the model «{model}», from most to least likely:",
    },
    "course.classifier.score_line": {"es": "  {label}: {percent}", "en": "  {label}: {percent}"},
    "course.classifier.how_to_read": {
        "es": "Las puntuaciones suman 100 %: el modelo reparte su confianza entre las etiquetas que le diste. No eligió de una lista fija: puedes darle cualquier otra.",
        "en": "The scores add up to 100%: the model shares its confidence among the labels you gave it. It did not pick from a fixed list: you can give it any others.",
    },
    # ---- without a connection
    "course.classifier.offline": {
        "es": "Sin conexión no podemos ejecutar «{model}» aquí. Así es la tarea que hace: lee un texto y una lista de etiquetas posibles (temas, o positivo y negativo) y le da a cada etiqueta una puntuación; todas suman 100 %. Con conexión, esta celda muestra las puntuaciones que calcula el modelo.",
        "en": "Without a connection we cannot run «{model}» here. This is the task it does: it reads a text and a list of possible labels (topics, or positive and negative) and gives each label a score; they add up to 100%. With a connection, this cell shows the scores the model computes.",
    },
    "course.classifier.not_run": {
        "es": "«{model}» no pudo ejecutarse aquí. Así es la tarea que hace: lee un texto y una lista de etiquetas posibles (temas, o positivo y negativo) y le da a cada etiqueta una puntuación; todas suman 100 %.",
        "en": "«{model}» could not run here. This is the task it does: it reads a text and a list of possible labels (topics, or positive and negative) and gives each label a score; they add up to 100%.",
    },
    "course.classifier.your_text_offline": {
        "es": "Tu texto no se pudo clasificar: abajo va el ejemplo del curso.",
        "en": "Your text could not be classified: the course's example follows.",
    },
    "course.classifier.illustrative": {
        "es": "Ejemplo ilustrativo (escrito para el curso, no generado en esta computadora):",
        "en": "Illustrative example (written for the course, not generated on this computer):",
    },
    "course.classifier.example_scores": {
        "es": "Puntuación de cada tema, de la más alta a la más baja:",
        "en": "Score of each topic, from highest to lowest:",
    },
    "course.classifier.no_labels": {
        "es": "Hacen falta al menos dos etiquetas para clasificar (por ejemplo [\"positivo\", \"negativo\"]).",
        "en": "At least two labels are needed to classify (for example [\"positive\", \"negative\"]).",
    },
    "course.classifier.no_labels.suggestion": {
        "es": "Escribe las etiquetas como una lista de textos entre corchetes, cada una entre comillas.",
        "en": "Write the labels as a list of texts in square brackets, each one in quotes.",
    },
    "course.classifier.no_text": {
        "es": "No hay texto que clasificar: el texto está vacío.",
        "en": "There is no text to classify: the text is empty.",
    },
    "course.classifier.no_text.suggestion": {
        "es": "Escribe el texto entre comillas, por ejemplo \"Me encantó la película\".",
        "en": "Write the text in quotes, for example \"I loved the film\".",
    },
}
