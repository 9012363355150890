"""Messages of the TokenVisualizer widget (keys start with ``tokviz.``).

Its introduction starts with the glossary's definition of a token.
"""
from .glossary import with_definitions

MESSAGES = {
    "tokviz.title": {"es": "Cómo lee el modelo tu texto: los tokens", "en": "How the model reads your text: tokens"},
    "tokviz.intro": with_definitions(["token"], named=True, then={
        "es": "Abajo, cada trozo de color es un token: pasa el cursor por encima para ver su número. "
        "Las palabras frecuentes suelen ser un solo token; las raras se parten en varios.",
        "en": "Below, each coloured piece is a token: hover over it to see its number. "
        "Frequent words are usually a single token; rare ones are cut into several.",
    }),
    "tokviz.why_counts_differ": {
        "es": "¿Por qué cada tokenizador da una cuenta distinta? Cada uno aprendió su vocabulario de ciertos textos. "
        "Uno que aprendió con español conoce la «ñ», las tildes y palabras como «comió», y gasta pocos tokens por palabra. "
        "Uno que solo vio inglés parte las palabras españolas en muchos trozos y cambia las letras que no conoce por "
        "«desconocido»: el modelo ya no puede verlas ni escribirlas. Además, con menos tokens por texto cabe más texto "
        "en la longitud máxima del modelo.",
        "en": "Why does each tokenizer give a different count? Each one learned its vocabulary from certain texts. "
        "One that learned from Spanish knows 'ñ', accents and words like 'comió', and spends few tokens per word. "
        "One that only saw English cuts Spanish words into many pieces and replaces the letters it does not know with "
        "'unknown': the model can no longer see or write them. Also, fewer tokens per text means more text fits "
        "in the model's maximum length.",
    },
    # The text
    "tokviz.text.label": {"es": "Texto", "en": "Text"},
    "tokviz.text.placeholder": {
        "es": "Escribe o pega un texto para ver sus tokens…",
        "en": "Type or paste a text to see its tokens…",
    },
    "tokviz.text.empty": {
        "es": "Escribe un texto arriba (o elige un ejemplo de tus datos) para ver cómo se corta en tokens.",
        "en": "Type a text above (or pick an example from your data) to see how it is cut into tokens.",
    },
    "tokviz.example.label": {"es": "Ejemplo nº", "en": "Example no."},
    "tokviz.example.column": {"es": "Mostrar", "en": "Show"},
    "tokviz.example.text": {"es": "el texto", "en": "the text"},
    "tokviz.example.summary": {"es": "el resumen", "en": "the summary"},
    "tokviz.example.help": {
        "es": "Elige un ejemplo de tus datos de entrenamiento ({count} pares) para verlo en tokens.",
        "en": "Pick an example from your training data ({count} pairs) to see it as tokens.",
    },
    "tokviz.english.label": {
        "es": "Comparar con un tokenizador que solo sabe inglés",
        "en": "Compare with a tokenizer that only knows English",
    },
    "tokviz.english.name": {"es": "Solo inglés (ejemplo)", "en": "English only (example)"},
    "tokviz.your_model": {"es": "Tu modelo", "en": "Your model"},
    # One tokenizer's panel
    "tokviz.counts": {
        "es": "{tokens} tokens · {words} palabras · {chars_per_token} caracteres por token · {tokens_per_word} tokens por palabra",
        "en": "{tokens} tokens · {words} words · {chars_per_token} characters per token · {tokens_per_word} tokens per word",
    },
    "tokviz.counts.with_specials": {
        "es": "{total} con {count} marca(s) especial(es)",
        "en": "{total} with {count} special marker(s)",
    },
    "tokviz.specials": {
        "es": "Además, el tokenizador añade {count} marca(s) especial(es) (borde discontinuo), como la de fin de texto.",
        "en": "The tokenizer also adds {count} special marker(s) (dashed border), such as the end-of-text one.",
    },
    "tokviz.unknown_note": {
        "es": "{count} token(s) desconocido(s), en rojo: {letters}. El modelo no ve esas letras; para él todas son "
        "«desconocido», así que tampoco podrá escribirlas en sus resúmenes.",
        "en": "{count} unknown token(s), in red: {letters}. The model does not see those letters; to it they are all "
        "'unknown', so it will not be able to write them in its summaries either.",
    },
    "tokviz.no_unknown": {
        "es": "Conoce todas las letras de este texto.",
        "en": "It knows every letter of this text.",
    },
    "tokviz.difference": {
        "es": "«{more}» necesita {extra} tokens más que «{fewer}» para el mismo texto ({ratio} veces más).",
        "en": "'{more}' needs {extra} more tokens than '{fewer}' for the same text ({ratio} times as many).",
    },
    "tokviz.too_many_tokens": {
        "es": "Se muestran los primeros {shown} de {total} tokens.",
        "en": "Showing the first {shown} of {total} tokens.",
    },
    "tokviz.tokenizer_failed": {
        "es": "Este tokenizador no pudo cortar el texto: {detail}",
        "en": "This tokenizer could not cut the text: {detail}",
    },
    # Chips
    "tokviz.chip.title": {"es": "id {ids} · token «{token}»", "en": "id {ids} · token '{token}'"},
    "tokviz.chip.title_partial": {
        "es": "ids {ids} · {count} tokens para una sola letra o símbolo (trozos de sus bytes)",
        "en": "ids {ids} · {count} tokens for a single letter or symbol (pieces of its bytes)",
    },
    "tokviz.chip.title_special": {
        "es": "id {ids} · marca especial «{token}»: la añade el tokenizador, no es parte de tu texto",
        "en": "id {ids} · special marker '{token}': added by the tokenizer, not part of your text",
    },
    "tokviz.chip.title_unknown": {
        "es": "id {ids} · desconocido: el tokenizador no conoce «{text}» y el modelo no puede verlo",
        "en": "id {ids} · unknown: the tokenizer does not know '{text}' and the model cannot see it",
    },
    "tokviz.legend": {"es": "Leyenda:", "en": "Legend:"},
    "tokviz.legend.normal": {"es": "un token", "en": "one token"},
    "tokviz.legend.space": {"es": "espacio", "en": "space"},
    "tokviz.legend.special": {"es": "marca especial", "en": "special marker"},
    "tokviz.legend.unknown": {"es": "desconocido", "en": "unknown"},
    # No tokenizer
    "tokviz.no_tokenizer": {
        "es": "Todavía no hay ningún tokenizador para mostrar.",
        "en": "There is no tokenizer to show yet.",
    },
    "tokviz.no_tokenizer.suggestion": {
        "es": "Carga un modelo primero (paso «Modelo de partida»): su tokenizador aparecerá aquí.",
        "en": "Load a model first ('Starting model' step): its tokenizer will appear here.",
    },
    # Lengths
    "tokviz.lengths.title": {"es": "¿Cuántos tokens tienen tus textos?", "en": "How many tokens do your texts have?"},
    "tokviz.lengths.help": {
        "es": "El modelo solo lee hasta un número máximo de tokens; lo que pase de ahí se corta y no lo verá. "
        "Mueve la línea roja para elegir el máximo: conviene que entren casi todos los textos, pero cuanto más largo, "
        "más memoria y más lento el entrenamiento. Empieza con el valor sugerido.",
        "en": "The model only reads up to a maximum number of tokens; anything beyond is cut off and it will not see it. "
        "Move the red line to choose the maximum: almost every text should fit, but the longer it is, the more "
        "memory and the slower the training. Start with the suggested value.",
    },
    "tokviz.lengths.no_data": {
        "es": "Carga tus datos (paso «Datos») para ver cuántos tokens tienen tus textos y elegir las longitudes máximas.",
        "en": "Load your data ('Data' step) to see how many tokens your texts have and choose the maximum lengths.",
    },
    "tokviz.lengths.measuring": {"es": "Contando los tokens de tus textos…", "en": "Counting the tokens of your texts…"},
    "tokviz.lengths.measured": {
        "es": "Medidos con el tokenizador «{name}»: {measured} ejemplos.",
        "en": "Measured with the '{name}' tokenizer: {measured} examples.",
    },
    "tokviz.lengths.sampled": {
        "es": "Medidos con el tokenizador «{name}»: {measured} ejemplos elegidos al azar de {rows} (basta para ver la forma).",
        "en": "Measured with the '{name}' tokenizer: {measured} examples picked at random out of {rows} (enough to see the shape).",
    },
    "tokviz.lengths.failed": {"es": "No se pudieron contar los tokens.", "en": "The tokens could not be counted."},
    "tokviz.lengths.texts_title": {"es": "Textos", "en": "Texts"},
    "tokviz.lengths.summaries_title": {"es": "Resúmenes", "en": "Summaries"},
    "tokviz.lengths.axis_tokens": {"es": "tokens", "en": "tokens"},
    "tokviz.lengths.axis_count": {"es": "cuántos", "en": "how many"},
    "tokviz.lengths.input_slider": {"es": "Máximo del texto", "en": "Text maximum"},
    "tokviz.lengths.target_slider": {"es": "Máximo del resumen", "en": "Summary maximum"},
    "tokviz.lengths.percentiles": {
        "es": "La mitad tiene {median} tokens o menos; el 95 %, {p95} o menos. Sugerido: {suggested}.",
        "en": "Half have {median} tokens or fewer; 95%, {p95} or fewer. Suggested: {suggested}.",
    },
    "tokviz.truncated.text": {
        "es": "El {percent} % de los textos se cortaría con un máximo de {max} tokens.",
        "en": "{percent}% of the texts would be cut with a maximum of {max} tokens.",
    },
    "tokviz.truncated.summary": {
        "es": "El {percent} % de los resúmenes se cortaría con un máximo de {max} tokens.",
        "en": "{percent}% of the summaries would be cut with a maximum of {max} tokens.",
    },
    "tokviz.truncated.none_text": {
        "es": "Ningún texto se cortaría con un máximo de {max} tokens.",
        "en": "No text would be cut with a maximum of {max} tokens.",
    },
    "tokviz.truncated.none_summary": {
        "es": "Ningún resumen se cortaría con un máximo de {max} tokens.",
        "en": "No summary would be cut with a maximum of {max} tokens.",
    },
    "tokviz.use_lengths": {"es": "Usar estas longitudes", "en": "Use these lengths"},
    "tokviz.use_lengths.tooltip": {
        "es": "Pasa estos máximos a la configuración del entrenamiento.",
        "en": "Pass these maximums to the training settings.",
    },
    "tokviz.lengths.chosen": {
        "es": "Elegido: textos hasta {input} tokens, resúmenes hasta {target} tokens.",
        "en": "Chosen: texts up to {input} tokens, summaries up to {target} tokens.",
    },
}
