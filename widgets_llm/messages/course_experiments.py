"""Messages of notebook 4 (experiments): its course helpers and its exercises."""

MESSAGES = {
    "course.exp.trained": {
        "es": "Guardado «{name}»: ROUGE-L {score} en {count} ejemplos de prueba (entre paréntesis, el intervalo del 95 %).",
        "en": "Saved '{name}': ROUGE-L {score} on {count} test examples (in brackets, the 95% interval).",
    },
    "course.exp.changed": {"es": "Solo cambió: {settings}.", "en": "Only this changed: {settings}."},
    "course.exp.nothing_changed": {
        "es": "No cambió ningún ajuste.",
        "en": "No setting changed.",
    },
    "course.exp.scores": {"es": "ROUGE-L: {scores}.", "en": "ROUGE-L: {scores}."},
    "course.exp.examples": {"es": "Ejemplos de prueba", "en": "Test examples"},
    "course.exp.kind": {"es": "Notas", "en": "Scores"},
    "course.exp.real": {"es": "reales", "en": "real"},
    "course.exp.simulated": {"es": "simuladas (parecidas a las reales)", "en": "simulated (like the real ones)"},
    "course.exp.interval": {"es": "Intervalo del 95 % de ROUGE-L", "en": "95% interval of ROUGE-L"},
    "course.exp.width": {"es": "Ancho (puntos)", "en": "Width (points)"},
    "course.exp.sweep": {
        "es": "Barrido de {runs} entrenamientos: {finished} terminados, {failed} fallidos.",
        "en": "Sweep of {runs} runs: {finished} finished, {failed} failed.",
    },
    "course.exp.sweep_best": {
        "es": "El de mayor ROUGE-L es «{name}» ({score}); el tablero dice si esa ventaja es real.",
        "en": "The highest ROUGE-L is '{name}' ({score}); the board says whether that lead is real.",
    },
    "course.exp.text": {"es": "Texto", "en": "Text"},
    # ------------------------------------------------------------------ exercise 04-una-cosa
    "course.ex.04-una-cosa.correct": {
        "es": "Al cambiar dos cosas a la vez no sabes cuál causó la diferencia (ni si una ayudó y la otra estorbó). Cambia una sola cosa por entrenamiento.",
        "en": "Changing two things at once, you cannot tell which one caused the difference (or whether one helped and the other hurt). Change one thing per run.",
    },
    "course.ex.04-una-cosa.a": {
        "es": "No se puede saber: los dos cambios llegaron juntos, así que cualquiera de los dos (o ambos) pudo causar la mejora.",
        "en": "You cannot tell: both changes came together, so either (or both) could have caused the gain.",
    },
    "course.ex.04-una-cosa.c": {
        "es": "Tampoco: nada indica que los pasos fueran la causa; cambiaron a la vez que la tasa.",
        "en": "Not that either: nothing shows the steps were the cause; they changed together with the rate.",
    },
    "course.ex.04-una-cosa.d": {
        "es": "La comparación no es inútil, pero no dice qué cambio funcionó.",
        "en": "The comparison is not useless, but it does not say which change worked.",
    },
    "course.ex.04-una-cosa.hint": {
        "es": "Piensa en un experimento de cocina: si cambias la harina y el horno a la vez y el pan sale mejor, ¿qué lo mejoró?",
        "en": "Think of a kitchen experiment: if you change the flour and the oven at once and the bread comes out better, what improved it?",
    },
    "course.ex.04-una-cosa.solution": {"es": "\"b\"", "en": "\"b\""},
    # ------------------------------------------------------------------ exercise 04-semilla
    "course.ex.04-semilla.correct": {
        "es": "La semilla fija el azar (pesos iniciales, orden de los ejemplos). Si solo cambiar la semilla mueve la nota 2 puntos, una diferencia de 2 puntos entre dos ajustes puede ser puro azar.",
        "en": "The seed fixes the randomness (initial weights, order of the examples). If changing only the seed moves the score by 2 points, a 2-point difference between two settings may be pure chance.",
    },
    "course.ex.04-semilla.a": {
        "es": "No hay ningún error: con otra semilla cambian los pesos iniciales y el orden de los ejemplos, así que el resultado cambia un poco.",
        "en": "There is no bug: another seed changes the initial weights and the order of the examples, so the result changes a little.",
    },
    "course.ex.04-semilla.b": {
        "es": "La semilla no es un ajuste que «mejore» el modelo: solo fija el azar. Elegir la semilla que mejor sale es hacer trampa con la prueba.",
        "en": "The seed is not a setting that 'improves' the model: it only fixes the randomness. Picking the seed that scores best is cheating on the test.",
    },
    "course.ex.04-semilla.d": {
        "es": "ROUGE mide igual con cualquier semilla; lo que cambia es el modelo que sale del entrenamiento.",
        "en": "ROUGE measures the same with any seed; what changes is the model training produces.",
    },
    "course.ex.04-semilla.hint": {
        "es": "¿Qué cosas dependen del azar al entrenar? ¿Y qué dice eso de una diferencia del mismo tamaño entre dos ajustes?",
        "en": "What depends on chance when training? And what does that say about a difference of the same size between two settings?",
    },
    "course.ex.04-semilla.solution": {"es": "\"c\"", "en": "\"c\""},
    # ------------------------------------------------------------------ exercise 04-ejemplos
    "course.ex.04-ejemplos.correct": {
        "es": "El ancho del intervalo baja con la raíz cuadrada del número de ejemplos: para la mitad de ancho hacen falta cuatro veces más, unos {answer}.",
        "en": "The interval's width falls with the square root of the number of examples: half as wide needs four times as many, about {answer}.",
    },
    "course.ex.04-ejemplos.doubled": {
        "es": "Con el doble de ejemplos el intervalo se estrecha, pero no a la mitad: el ancho baja con la raíz cuadrada (el doble de ejemplos lo deja en un 71 %).",
        "en": "With twice the examples the interval narrows, but not by half: the width falls with the square root (twice the examples leave 71% of it).",
    },
    "course.ex.04-ejemplos.fewer": {
        "es": "Con menos ejemplos el intervalo se ensancha: cada ejemplo de prueba aporta información.",
        "en": "With fewer examples the interval widens: every test example brings information.",
    },
    "course.ex.04-ejemplos.wrong": {
        "es": "Mira la tabla de intervalos: compara el ancho con 14 ejemplos y con unas cuatro veces más.",
        "en": "Look at the table of intervals: compare the width with 14 examples and with about four times as many.",
    },
    "course.ex.04-ejemplos.hint": {
        "es": "El ancho es proporcional a 1 / raíz(n). ¿Por cuánto hay que multiplicar n para que raíz(n) se duplique?",
        "en": "The width is proportional to 1 / sqrt(n). By how much must n grow for sqrt(n) to double?",
    },
    "course.ex.04-ejemplos.solution": {
        "es": "Unos {answer} ejemplos (4 × {count}).",
        "en": "About {answer} examples (4 × {count}).",
    },
    # ------------------------------------------------------------------ exercise 04-casualidad
    "course.ex.04-casualidad.correct": {
        "es": "Exacto: con pocos ejemplos de prueba no se puede saber cuál es mejor. Añade ejemplos de prueba (o repite con otras semillas) antes de decidir.",
        "en": "Exactly: with few test examples you cannot tell which is better. Add test examples (or repeat with other seeds) before deciding.",
    },
    "course.ex.04-casualidad.a": {
        "es": "Elegir por la nota más alta cuando el tablero dice «puede ser casualidad» es como elegir por una moneda al aire.",
        "en": "Picking the higher score when the board says 'may be chance' is like picking by a coin toss.",
    },
    "course.ex.04-casualidad.b": {
        "es": "No: «puede ser casualidad» no dice que sean iguales, dice que con estos datos no se puede saber.",
        "en": "No: 'may be chance' does not say they are equal, it says these data cannot tell.",
    },
    "course.ex.04-casualidad.c": {
        "es": "Nunca elijas los ejemplos de prueba para que gane tu favorito: la prueba dejaría de decir la verdad.",
        "en": "Never choose test examples so that your favorite wins: the test would stop telling the truth.",
    },
    "course.ex.04-casualidad.hint": {
        "es": "El veredicto sugiere dos cosas que hacer. ¿Cuál de las opciones es una de ellas?",
        "en": "The verdict suggests two things to do. Which option is one of them?",
    },
    "course.ex.04-casualidad.solution": {"es": "\"d\"", "en": "\"d\""},
}
