"""Messages of experiments: comparing saved runs, their verdicts, sweeps, and their commands."""

MESSAGES = {
    # ------------------------------------------------------------------ comparing runs: errors
    "experiments.unknown_run": {
        "es": "No hay ningún entrenamiento llamado «{name}» en esta carpeta (hay: {names}).",
        "en": "There is no run called '{name}' in this folder (there are: {names}).",
    },
    "experiments.unknown_run.suggestion": {
        "es": "Elige uno de los nombres de la lista o actualiza la lista.",
        "en": "Pick one of the names listed, or refresh the list.",
    },
    "experiments.not_evaluated": {
        "es": "El entrenamiento «{name}» no tiene las notas de cada ejemplo de prueba, así que no se puede comparar ejemplo por ejemplo.",
        "en": "The run '{name}' has no score for each test example, so it cannot be compared example by example.",
    },
    "experiments.not_evaluated.suggestion": {
        "es": "Entrénalo de nuevo con esta versión (guarda las notas de cada ejemplo) o compara las dos con un archivo: widgets-llm compare-runs A B --data archivo.csv",
        "en": "Train it again with this version (it keeps each example's score) or compare both on a file: widgets-llm compare-runs A B --data file.csv",
    },
    "experiments.unknown_test_data": {
        "es": "No se sabe con qué datos de prueba se evaluó «{name}» (se guardó con una versión anterior), así que no se puede asegurar que la comparación sea justa.",
        "en": "It is not known which test data '{name}' was evaluated on (it was saved by an older version), so a fair comparison cannot be guaranteed.",
    },
    "experiments.unknown_test_data.suggestion": {
        "es": "Compara los dos entrenamientos con el mismo archivo: widgets-llm compare-runs A B --data archivo.csv.",
        "en": "Compare both runs on the same file: widgets-llm compare-runs A B --data file.csv.",
    },
    "experiments.different_test_data": {
        "es": "«{a}» y «{b}» se evaluaron con ejemplos de prueba distintos ({count_a} y {count_b} ejemplos, no los mismos textos): sus notas no se pueden comparar, porque unos textos son más fáciles de resumir que otros.",
        "en": "'{a}' and '{b}' were evaluated on different test examples ({count_a} and {count_b} examples, not the same texts): their scores cannot be compared, because some texts are easier to summarize than others.",
    },
    "experiments.different_test_data.suggestion": {
        "es": "Compara solo entrenamientos del mismo grupo (mismos datos de prueba), o evalúa las dos con el mismo archivo: widgets-llm compare-runs A B --data archivo.csv",
        "en": "Compare only runs of the same group (same test data), or evaluate both on the same file: widgets-llm compare-runs A B --data file.csv",
    },
    "experiments.bad_name": {
        "es": "«{name}» no sirve como nombre: usa letras, números, «-», «_», «.» o «=» (sin espacios).",
        "en": "'{name}' cannot be a name: use letters, digits, '-', '_', '.' or '=' (no spaces).",
    },
    "experiments.bad_name.suggestion": {
        "es": "Por ejemplo: tasa-alta_semilla-1",
        "en": "For example: high-rate_seed-1",
    },
    "experiments.name_taken": {
        "es": "Ya existe un entrenamiento llamado «{name}».",
        "en": "A run called '{name}' already exists.",
    },
    "experiments.name_taken.suggestion": {
        "es": "Elige otro nombre.",
        "en": "Choose another name.",
    },
    # ------------------------------------------------------------------ verdicts
    "experiments.interval": {"es": "{low} a {high}", "en": "{low} to {high}"},
    "experiments.verdict.better": {
        "es": "«{winner}» es mejor que «{loser}» (diferencia {difference} {metric}, intervalo {interval}).",
        "en": "'{winner}' is better than '{loser}' (difference {difference} {metric}, interval {interval}).",
    },
    "experiments.verdict.chance": {
        "es": "Con {count} ejemplos de prueba esta diferencia puede ser casualidad: usa más ejemplos de prueba o repite con otra semilla.",
        "en": "With {count} test examples this difference may be chance: use more test examples or repeat with another seed.",
    },
    "experiments.verdict.identical": {
        "es": "«{a}» y «{b}» sacan exactamente la misma nota en los {count} ejemplos de prueba: no hay ninguna diferencia.",
        "en": "'{a}' and '{b}' get exactly the same score on all {count} test examples: there is no difference at all.",
    },
    "experiments.verdict.numbers": {
        "es": "«{b}» menos «{a}»: {difference} puntos de {metric} (intervalo del 95 %: {interval}; p = {p}; {count} ejemplos de prueba).",
        "en": "'{b}' minus '{a}': {difference} {metric} points (95% interval: {interval}; p = {p}; {count} test examples).",
    },
    "experiments.best.reason": {
        "es": "La mejor {metric} en la prueba ({score}) de {count} entrenamientos comparables.",
        "en": "The best {metric} on the test ({score}) of {count} comparable runs.",
    },
    "experiments.best.sure": {
        "es": "Su ventaja sobre «{other}» no parece casualidad (p = {p}).",
        "en": "Its lead over '{other}' does not look like chance (p = {p}).",
    },
    "experiments.best.unsure": {
        "es": "Pero con {count} ejemplos de prueba su ventaja sobre «{other}» puede ser casualidad (p = {p}).",
        "en": "But with {count} test examples its lead over '{other}' may be chance (p = {p}).",
    },
    "experiments.status.finished": {"es": "terminado", "en": "finished"},
    "experiments.status.stopped": {"es": "detenido", "en": "stopped"},
    "experiments.status.failed": {"es": "falló", "en": "failed"},
    "experiments.status.pending": {"es": "en espera", "en": "waiting"},
    "experiments.status.running": {"es": "entrenando", "en": "training"},
    "experiments.status.saved": {"es": "guardado", "en": "saved"},
    "experiments.status.unreadable": {"es": "dañado", "en": "damaged"},
    # ------------------------------------------------------------------ sweeps
    "sweeps.grid.empty": {
        "es": "El barrido no tiene ningún ajuste que variar.",
        "en": "The sweep has no setting to vary.",
    },
    "sweeps.grid.empty.suggestion": {
        "es": "Indica de uno a tres ajustes con sus valores, por ejemplo --grid learning_rate=0.001,0.0005",
        "en": "Give one to three settings with their values, for example --grid learning_rate=0.001,0.0005",
    },
    "sweeps.grid.too_many": {
        "es": "El barrido varía {count} ajustes; como mucho se pueden variar {maximum} a la vez.",
        "en": "The sweep varies {count} settings; at most {maximum} can vary at once.",
    },
    "sweeps.grid.too_many.suggestion": {
        "es": "Cambia pocas cosas a la vez: así sabrás qué causó cada diferencia.",
        "en": "Change few things at a time: that way you know what caused each difference.",
    },
    "sweeps.grid.too_many_runs": {
        "es": "Esa cuadrícula da {count} entrenamientos; el máximo es {maximum}.",
        "en": "That grid gives {count} runs; the maximum is {maximum}.",
    },
    "sweeps.grid.too_many_runs.suggestion": {
        "es": "Usa menos valores por ajuste (dos o tres suelen bastar para ver la tendencia).",
        "en": "Use fewer values per setting (two or three are usually enough to see the trend).",
    },
    "sweeps.grid.unknown_setting": {
        "es": "«{name}» no es un ajuste que se pueda variar. Se pueden variar: {settings}.",
        "en": "'{name}' is not a setting that can vary. These can: {settings}.",
    },
    "sweeps.grid.unknown_setting.suggestion": {
        "es": "Revisa cómo está escrito el nombre (por ejemplo learning_rate, no lr).",
        "en": "Check the spelling of the name (for example learning_rate, not lr).",
    },
    "sweeps.grid.repeated": {
        "es": "El ajuste «{name}» aparece dos veces en el barrido.",
        "en": "The setting '{name}' appears twice in the sweep.",
    },
    "sweeps.grid.repeated.suggestion": {
        "es": "Pon todos sus valores juntos: {name}=valor1,valor2",
        "en": "Put all its values together: {name}=value1,value2",
    },
    "sweeps.grid.no_values": {
        "es": "El ajuste «{name}» no tiene valores.",
        "en": "The setting '{name}' has no values.",
    },
    "sweeps.grid.no_values.suggestion": {
        "es": "Escribe los valores separados por comas: {name}=valor1,valor2 (los decimales con punto).",
        "en": "Write the values separated by commas: {name}=value1,value2.",
    },
    "sweeps.grid.syntax": {
        "es": "No se entiende «{text}» como ajuste del barrido.",
        "en": "'{text}' cannot be read as a sweep setting.",
    },
    "sweeps.grid.syntax.suggestion": {
        "es": "Escribe AJUSTE=valor1,valor2, por ejemplo learning_rate=0.001,0.0005 (los decimales con punto).",
        "en": "Write SETTING=value1,value2, for example learning_rate=0.001,0.0005.",
    },
    "sweeps.grid.bad_value": {
        "es": "El valor «{value}» no sirve para «{name}»: {reason}",
        "en": "The value '{value}' does not work for '{name}': {reason}",
    },
    "sweeps.grid.bad_value.suggestion": {
        "es": "Corrige ese valor; no se empezó ningún entrenamiento.",
        "en": "Fix that value; no run was started.",
    },
    "sweeps.estimate": {
        "es": "{runs} entrenamientos, unos {duration} de entrenamiento en total.",
        "en": "{runs} runs, about {duration} of training in total.",
    },
    "sweeps.already_running": {
        "es": "El barrido ya está en marcha.",
        "en": "The sweep is already running.",
    },
    "sweeps.already_running.suggestion": {
        "es": "Espera a que termine o detenlo antes de empezar otro.",
        "en": "Wait for it to finish or stop it before starting another.",
    },
    "sweeps.folder_in_use": {
        "es": "La carpeta «{path}» ya tiene otras cosas y no es un barrido.",
        "en": "The folder '{path}' already holds other things and is not a sweep.",
    },
    "sweeps.folder_in_use.suggestion": {
        "es": "Elige una carpeta nueva o vacía para el barrido.",
        "en": "Choose a new or empty folder for the sweep.",
    },
    "sweeps.different_plan": {
        "es": "La carpeta «{path}» tiene un barrido distinto (otros ajustes, modelo o datos).",
        "en": "The folder '{path}' holds a different sweep (other settings, model or data).",
    },
    "sweeps.different_plan.suggestion": {
        "es": "Elige otra carpeta para este barrido; el que está ahí no se toca.",
        "en": "Choose another folder for this sweep; the one there is left as it is.",
    },
    "sweeps.exists": {
        "es": "La carpeta «{path}» ya tiene este barrido.",
        "en": "The folder '{path}' already holds this sweep.",
    },
    "sweeps.exists.suggestion": {
        "es": "Reanúdalo (se saltan los entrenamientos terminados) o elige otra carpeta.",
        "en": "Resume it (finished runs are skipped) or choose another folder.",
    },
    "sweeps.run_failed": {
        "es": "El entrenamiento «{name}» falló.",
        "en": "The run '{name}' failed.",
    },
    # ------------------------------------------------------------------ command line
    "experiments.cli.header": {
        "es": "{count} entrenamientos en «{folder}».",
        "en": "{count} runs in '{folder}'.",
    },
    "experiments.cli.columns": {
        "es": "nombre | modelo | lo que cambia | ROUGE-L [intervalo 95 %] | perplejidad | tiempo | estado",
        "en": "name | model | what changes | ROUGE-L [95% interval] | perplexity | time | status",
    },
    "experiments.cli.group": {
        "es": "Grupo {n} (mismos datos de prueba, se pueden comparar): {names}",
        "en": "Group {n} (same test data, can be compared): {names}",
    },
    "experiments.cli.best": {"es": "Mejor: «{name}». {reason}", "en": "Best: '{name}'. {reason}"},
    "experiments.cli.none": {
        "es": "No hay entrenamientos guardados en «{folder}».",
        "en": "There are no saved runs in '{folder}'.",
    },
    "experiments.cli.same": {"es": "(igual que las demás)", "en": "(same as the others)"},
    "experiments.cli.evaluating": {
        "es": "Evaluando los dos entrenamientos con «{data}»...",
        "en": "Evaluating both runs on '{data}'...",
    },
    "sweeps.cli.plan": {
        "es": "Barrido de {model} en «{output}»: {estimate}",
        "en": "Sweep of {model} in '{output}': {estimate}",
    },
    "sweeps.cli.run_started": {
        "es": "[{n}/{total}] {name}",
        "en": "[{n}/{total}] {name}",
    },
    "sweeps.cli.run_finished": {
        "es": "[{n}/{total}] {name}: terminado, ROUGE-L {score}",
        "en": "[{n}/{total}] {name}: finished, ROUGE-L {score}",
    },
    "sweeps.cli.run_failed": {
        "es": "[{n}/{total}] {name}: falló. {error}",
        "en": "[{n}/{total}] {name}: failed. {error}",
    },
    "sweeps.cli.run_skipped": {
        "es": "[{n}/{total}] {name}: ya estaba terminado, se salta.",
        "en": "[{n}/{total}] {name}: already finished, skipped.",
    },
    "sweeps.cli.done": {
        "es": "Barrido terminado: {finished} terminados, {failed} fallidos. Compáralos con: widgets-llm experiments {output}",
        "en": "Sweep done: {finished} finished, {failed} failed. Compare them with: widgets-llm experiments {output}",
    },
}
