"""Messages of the SummaryDiffViewer widget (keys start with ``diff.``).

Its explanation of ROUGE and perplexity starts with the glossary's definitions.
"""
from .glossary import with_definitions

MESSAGES = {
    "diff.title": {"es": "Antes y después del entrenamiento", "en": "Before and after training"},
    "diff.intro": {
        "es": "Aquí ves si tu modelo aprendió a resumir: los mismos textos resumidos por el modelo base (antes de entrenar), por el modelo entrenado (después) y copiando la primera oración de cada texto.",
        "en": "Here you can see whether your model learned to summarize: the same texts summarized by the base model (before training), by the fine-tuned model (after) and by copying each text's first sentence.",
    },
    "diff.empty": {
        "es": "Todavía no hay nada que comparar. Entrena un modelo y pulsa «Comparar» para ver sus resúmenes junto a los del modelo base.",
        "en": "Nothing to compare yet. Train a model and press 'Compare' to see its summaries next to the base model's.",
    },
    "diff.no_examples_in_comparison": {
        "es": "La comparación no tiene ejemplos que mostrar.",
        "en": "The comparison has no examples to show.",
    },
    # Running the comparison
    "diff.compare": {"es": "Comparar", "en": "Compare"},
    "diff.compare.tooltip": {
        "es": "Resume los ejemplos de prueba con el modelo base y con el entrenado, y compara sus resultados.",
        "en": "Summarize the test examples with the base and the fine-tuned model and compare their results.",
    },
    "diff.source.texts": {
        "es": "Se compararán {count} ejemplos.",
        "en": "{count} examples will be compared.",
    },
    "diff.source.test": {
        "es": "Se compararán los {count} ejemplos de la parte de prueba de tus datos (textos que el modelo no vio al entrenar).",
        "en": "The {count} examples of the test part of your data will be compared (texts the model did not see in training).",
    },
    "diff.source.validation": {
        "es": "Tus datos no tienen parte de prueba: se compararán los {count} ejemplos de la parte de validación.",
        "en": "Your data has no test part: the {count} examples of the validation part will be compared.",
    },
    "diff.source.none": {
        "es": "Faltan los ejemplos: carga tus datos para poder comparar.",
        "en": "Examples are missing: load your data to be able to compare.",
    },
    "diff.status.loading_base": {
        "es": "Preparando el modelo base…",
        "en": "Preparing the base model…",
    },
    "diff.status.comparing": {
        "es": "Comparando: {done} de {total} pasos…",
        "en": "Comparing: {done} of {total} steps…",
    },
    "diff.status.cancelling": {"es": "Cancelando…", "en": "Cancelling…"},
    "diff.status.done": {
        "es": "Comparación lista: {count} ejemplos.",
        "en": "Comparison ready: {count} examples.",
    },
    "diff.status.failed": {"es": "La comparación no se pudo hacer.", "en": "The comparison could not be made."},
    "diff.cancelled": {
        "es": "Comparación cancelada. No se guardó nada a medias; puedes volver a pulsar «Comparar» cuando quieras.",
        "en": "Comparison cancelled. Nothing half-finished was kept; press 'Compare' again whenever you like.",
    },
    "diff.no_tuned": {
        "es": "Todavía no hay un modelo entrenado que comparar.",
        "en": "There is no trained model to compare yet.",
    },
    "diff.no_tuned.suggestion": {
        "es": "Entrena primero un modelo (o carga uno guardado) y vuelve a pulsar «Comparar».",
        "en": "Train a model first (or load a saved one) and press 'Compare' again.",
    },
    "diff.no_examples": {
        "es": "No hay ejemplos con los que comparar los modelos.",
        "en": "There are no examples to compare the models with.",
    },
    "diff.no_examples.suggestion": {
        "es": "Carga tus datos: se usarán los textos de la parte de prueba, con sus resúmenes.",
        "en": "Load your data: the texts of the test part, with their summaries, will be used.",
    },
    # Aggregate table
    "diff.summary.title": {"es": "Resultados en todos los ejemplos", "en": "Results over all examples"},
    "diff.column.measure": {"es": "Medida", "en": "Measure"},
    "diff.column.base": {"es": "Modelo base", "en": "Base model"},
    "diff.column.tuned": {"es": "Modelo entrenado", "en": "Fine-tuned model"},
    "diff.column.lead": {"es": "Primera oración", "en": "First sentence"},
    "diff.column.change": {"es": "Cambio (entrenado − base)", "en": "Change (tuned − base)"},
    "diff.row.rouge1": {"es": "ROUGE-1 (palabras)", "en": "ROUGE-1 (words)"},
    "diff.row.rouge2": {"es": "ROUGE-2 (parejas de palabras)", "en": "ROUGE-2 (word pairs)"},
    "diff.row.rougeL": {"es": "ROUGE-L (secuencia común)", "en": "ROUGE-L (common sequence)"},
    "diff.row.rougeLsum": {"es": "ROUGE-Lsum (ROUGE-L oración por oración)", "en": "ROUGE-Lsum (ROUGE-L sentence by sentence)"},
    "diff.row.perplexity": {"es": "Perplejidad (más baja es mejor)", "en": "Perplexity (lower is better)"},
    "diff.row.words": {"es": "Palabras por resumen (media)", "en": "Words per summary (mean)"},
    "diff.row.longest_repeat": {
        "es": "Palabra repetida seguida (máximo de veces)",
        "en": "Word repeated in a row (most times)",
    },
    "diff.row.distinct_bigrams": {
        "es": "Parejas de palabras distintas (más alto es más variado)",
        "en": "Distinct word pairs (higher is more varied)",
    },
    "diff.percent": {"es": "{value} %", "en": "{value}%"},
    "diff.points": {"es": "{value} puntos", "en": "{value} points"},
    "diff.missing": {"es": "—", "en": "—"},
    "diff.examples_count": {
        "es": "Medido sobre {count} ejemplos. ROUGE va de 0 % (ninguna palabra en común) a 100 % (idéntico al resumen de referencia).",
        "en": "Measured over {count} examples. ROUGE goes from 0% (no words in common) to 100% (identical to the reference summary).",
    },
    # Verdict (ROUGE-L)
    "diff.verdict.both": {
        "es": "El modelo entrenado supera al modelo base y a la primera oración (ROUGE-L: {tuned} frente a {base} del modelo base y {lead} de la primera oración).",
        "en": "The fine-tuned model beats the base model and the first sentence (ROUGE-L: {tuned} against {base} for the base model and {lead} for the first sentence).",
    },
    "diff.verdict.base_only": {
        "es": "El modelo entrenado supera al modelo base, pero todavía no a la primera oración (ROUGE-L: {tuned} frente a {base} del modelo base y {lead} de la primera oración). Copiar la primera oración de cada texto da, por ahora, resúmenes tan buenos o mejores: prueba a entrenar más tiempo o con más ejemplos.",
        "en": "The fine-tuned model beats the base model, but not yet the first sentence (ROUGE-L: {tuned} against {base} for the base model and {lead} for the first sentence). Copying each text's first sentence gives, for now, summaries as good or better: try training longer or with more examples.",
    },
    "diff.verdict.lead_only": {
        "es": "El modelo entrenado supera a la primera oración, pero no al modelo base (ROUGE-L: {tuned} frente a {base} del modelo base y {lead} de la primera oración). El entrenamiento no lo ha mejorado: revisa tus datos o prueba otra configuración.",
        "en": "The fine-tuned model beats the first sentence, but not the base model (ROUGE-L: {tuned} against {base} for the base model and {lead} for the first sentence). Training did not improve it: check your data or try other settings.",
    },
    "diff.verdict.neither": {
        "es": "El modelo entrenado no supera al modelo base ni a la primera oración (ROUGE-L: {tuned} frente a {base} del modelo base y {lead} de la primera oración). Todavía no ha aprendido a resumir mejor: prueba a entrenar más tiempo, con más ejemplos o con un modelo más grande.",
        "en": "The fine-tuned model beats neither the base model nor the first sentence (ROUGE-L: {tuned} against {base} for the base model and {lead} for the first sentence). It has not learned to summarize better yet: try training longer, with more examples or with a larger model.",
    },
    "diff.verdict.stages.both": {
        "es": "Por etapas: el calentamiento con tus textos llevó ROUGE-L de {base} a {warmup}, y el entrenamiento con tus resúmenes lo subió a {tuned}. Ayudaron las dos.",
        "en": "By stage: the warm-up on your texts took ROUGE-L from {base} to {warmup}, and fine-tuning on your summaries raised it to {tuned}. Both helped.",
    },
    "diff.verdict.stages.warmup": {
        "es": "Por etapas: lo que ayudó fue el calentamiento con tus textos (ROUGE-L de {base} a {warmup}); el entrenamiento con tus resúmenes no lo mejoró (quedó en {tuned}). Con más pares texto-resumen, el entrenamiento con tus resúmenes suele aportar más.",
        "en": "By stage: what helped was the warm-up on your texts (ROUGE-L from {base} to {warmup}); fine-tuning on your summaries did not improve it (it ended at {tuned}). With more text-summary pairs, fine-tuning usually adds more.",
    },
    "diff.verdict.stages.finetune": {
        "es": "Por etapas: el calentamiento solo no mejoró ROUGE-L (de {base} a {warmup}); lo que ayudó fue el entrenamiento con tus resúmenes (hasta {tuned}).",
        "en": "By stage: the warm-up alone did not improve ROUGE-L (from {base} to {warmup}); what helped was fine-tuning on your summaries (up to {tuned}).",
    },
    "diff.verdict.stages.neither": {
        "es": "Por etapas: ni el calentamiento (ROUGE-L de {base} a {warmup}) ni el entrenamiento con tus resúmenes (hasta {tuned}) lo mejoraron.",
        "en": "By stage: neither the warm-up (ROUGE-L from {base} to {warmup}) nor fine-tuning (up to {tuned}) improved it.",
    },
    "diff.verdict.perplexity_down": {
        "es": "La perplejidad bajó de {base} a {tuned}: el modelo entrenado se sorprende menos con los resúmenes de referencia.",
        "en": "Perplexity went down from {base} to {tuned}: the fine-tuned model is less surprised by the reference summaries.",
    },
    "diff.verdict.perplexity_up": {
        "es": "La perplejidad subió de {base} a {tuned}: el modelo entrenado se sorprende más con los resúmenes de referencia.",
        "en": "Perplexity went up from {base} to {tuned}: the fine-tuned model is more surprised by the reference summaries.",
    },
    # Explanation
    "diff.explain.title": {"es": "¿Qué mide ROUGE y qué no?", "en": "What does ROUGE measure, and what not?"},
    "diff.explain.measures": with_definitions(["rouge"], named=True, then={
        "es": "Cuanto más alto, más se parece al resumen de referencia.",
        "en": "The higher, the closer to the reference summary.",
    }),
    "diff.explain.misses": {
        "es": "ROUGE no entiende el significado: no reconoce sinónimos ni frases dichas de otra manera, y no nota un número o un nombre cambiado. Por eso, lee los ejemplos de abajo.",
        "en": "ROUGE does not understand meaning: it does not recognize synonyms or paraphrases, and it does not notice a changed number or name. That is why you should read the examples below.",
    },
    "diff.explain.lead": {
        "es": "La «primera oración» es un resumen que no necesita ningún modelo: copiar la primera oración del texto. Un modelo que no la supera todavía no aporta mucho.",
        "en": "The 'first sentence' is a summary that needs no model: copying the text's first sentence. A model that does not beat it adds little yet.",
    },
    "diff.explain.perplexity": with_definitions(["perplejidad"], named=True, then={
        "es": "Aquí se mide con los resúmenes de referencia: cuanto más baja, mejor los habría predicho el modelo.",
        "en": "Here it is measured on the reference summaries: the lower, the better the model would have predicted them.",
    }),
    # Examples
    "diff.examples.title": {"es": "Ejemplo por ejemplo", "en": "Example by example"},
    "diff.previous": {"es": "Anterior", "en": "Previous"},
    "diff.next": {"es": "Siguiente", "en": "Next"},
    "diff.index": {"es": "Ejemplo {position} de {total}", "en": "Example {position} of {total}"},
    "diff.order": {"es": "Ordenar", "en": "Sort"},
    "diff.order.original": {"es": "Orden original", "en": "Original order"},
    "diff.order.most_improved": {"es": "Los que más mejoraron", "en": "Most improved first"},
    "diff.order.worst_tuned": {"es": "Los peores del modelo entrenado", "en": "Worst of the fine-tuned model first"},
    "diff.order.best_tuned": {"es": "Los mejores del modelo entrenado", "en": "Best of the fine-tuned model first"},
    "diff.order.least_improved": {"es": "Los que menos mejoraron", "en": "Least improved first"},
    "diff.more": {"es": "Ver más", "en": "Show more"},
    "diff.less": {"es": "Ver menos", "en": "Show less"},
    "diff.legend": {
        "es": "Resaltadas: las palabras que cada resumen comparte con el resumen de referencia.",
        "en": "Highlighted: the words each summary shares with the reference summary.",
    },
    "diff.example.text": {"es": "Texto", "en": "Text"},
    "diff.example.reference": {"es": "Resumen de referencia (escrito por una persona)", "en": "Reference summary (written by a person)"},
    "diff.example.base": {"es": "Modelo base (antes de entrenar)", "en": "Base model (before training)"},
    "diff.example.tuned": {"es": "Modelo entrenado (con tus datos)", "en": "Fine-tuned model (after training)"},
    "diff.example.lead": {"es": "Primera oración del texto", "en": "First sentence of the text"},
    "diff.example.empty_summary": {"es": "(resumen vacío)", "en": "(empty summary)"},
    "diff.example.scores": {
        "es": "ROUGE-1 {rouge1} · ROUGE-2 {rouge2} · ROUGE-L {rougeL}",
        "en": "ROUGE-1 {rouge1} · ROUGE-2 {rouge2} · ROUGE-L {rougeL}",
    },
    "diff.example.improved": {
        "es": "En este ejemplo el modelo entrenado mejoró {points} de ROUGE-L respecto al modelo base.",
        "en": "In this example the fine-tuned model gained {points} of ROUGE-L over the base model.",
    },
    "diff.example.worsened": {
        "es": "En este ejemplo el modelo entrenado empeoró {points} de ROUGE-L respecto al modelo base.",
        "en": "In this example the fine-tuned model lost {points} of ROUGE-L against the base model.",
    },
    "diff.example.unchanged": {
        "es": "En este ejemplo el modelo entrenado y el base tienen el mismo ROUGE-L.",
        "en": "In this example the fine-tuned and the base model have the same ROUGE-L.",
    },
}
