"""Messages of the course's own-data helpers (widgets_llm/course/own_data.py)."""

MESSAGES = {
    "course.own_data.read": {
        "es": "Leí «{name}»: {rows} filas. El texto está en la columna «{text}» y el resumen en «{summary}».",
        "en": "Read «{name}»: {rows} rows. The text is in column «{text}» and the summary in «{summary}».",
    },
    "course.own_data.sizes": {
        "es": "Después de la limpieza quedan {total} pares: {train} para entrenar, {validation} para validar y {test} para la prueba final.",
        "en": "After cleaning, {total} pairs remain: {train} to train, {validation} to validate and {test} for the final test.",
    },
    "course.own_data.unnamed": {
        "es": "tus datos",
        "en": "your data",
    },
    "course.own_data.remembered": {
        "es": "Lo anoté en «{file}» (en esta carpeta) para los cuadernos siguientes: solo dónde está tu archivo y las longitudes, nunca una copia de tus textos. Tu archivo no se modifica.",
        "en": "Noted in «{file}» (in this folder) for the next notebooks: only where your file is and the lengths, never a copy of your texts. Your file is not modified.",
    },
    "course.own_data.not_remembered": {
        "es": "No pude anotar la elección para los cuadernos siguientes ({problem}): en este cuaderno se usa igual, pero en el siguiente tendrás que volver a elegirla.",
        "en": "The choice could not be noted for the next notebooks ({problem}): it is used in this notebook anyway, but you will have to choose it again in the next one.",
    },
    "course.own_data.upload_not_kept": {
        "es": "Estos datos vienen del botón de carga y no de un archivo en esta carpeta: el cuaderno siguiente no podrá encontrarlos. Allí, súbelo de nuevo o guarda el archivo en la carpeta de los cuadernos y usa course.use_own_data(\"nombre_del_archivo.csv\").",
        "en": "This data comes from the upload button, not from a file in this folder: the next notebook will not find it. There, upload it again, or save the file in the notebooks' folder and use course.use_own_data(\"file_name.csv\").",
    },
    "course.own_data.lengths_forgotten": {
        "es": "Olvidé las longitudes máximas que tenía anotadas: se midieron con otros datos. Vuelve a medirlas en la sección de longitudes del cuaderno 2.",
        "en": "The maximum lengths noted before are forgotten: they were measured on other data. Measure them again in notebook 2's section on lengths.",
    },
    "course.own_data.missing": {
        "es": "No encuentro el archivo «{path}» (busqué desde la carpeta «{folder}»). Revisa el nombre y la extensión (.csv, .jsonl, .xlsx…), o súbelo primero: en Colab, con el botón de la carpeta a la izquierda o con files.upload().",
        "en": "The file «{path}» cannot be found (looked from the folder «{folder}»). Check the name and the extension (.csv, .jsonl, .xlsx…), or upload it first: in Colab, with the folder button on the left or with files.upload().",
    },
    "course.own_data.not_a_file": {
        "es": "course.use_own_data espera la ruta de un archivo (por ejemplo \"mis_pares.csv\") o los datos que devuelve el botón de carga, no un valor de tipo {kind}.",
        "en": "course.use_own_data expects a file path (for example \"my_pairs.csv\") or the data the upload button returns, not a value of type {kind}.",
    },
    "course.own_data.unreadable": {
        "es": "No pude usar «{name}»: {problem}",
        "en": "«{name}» could not be used: {problem}",
    },
    "course.own_data.still_own": {
        "es": "Sigo usando los datos que elegiste antes («{name}»).",
        "en": "Still using the data chosen before («{name}»).",
    },
    "course.own_data.still_example": {
        "es": "Sigo con los datos de ejemplo del curso («{name}»).",
        "en": "Going on with the course's example data («{name}»).",
    },
    "course.own_data.example": {
        "es": "Listo: el curso vuelve a usar sus datos de ejemplo («{name}»).",
        "en": "Done: the course uses its example data again («{name}»).",
    },
    "course.own_data.bad_lengths": {
        "es": "Las longitudes deben ser números enteros mayores que cero, sin comillas (por ejemplo 256 y 48); recibí {input} y {target}. No anoté nada.",
        "en": "The lengths must be whole numbers greater than zero, without quotes (for example 256 and 48); got {input} and {target}. Nothing was noted.",
    },
    "course.own_data.lengths_remembered": {
        "es": "Anotado en «{file}»: el cuaderno 3 entrenará con textos de hasta {input} tokens y resúmenes de hasta {target} tokens (datos: «{data}»).",
        "en": "Noted in «{file}»: notebook 3 will train with texts of up to {input} tokens and summaries of up to {target} tokens (data: «{data}»).",
    },
    "course.own_data.upload_gone": {
        "es": "En un cuaderno anterior usaste «{name}» subido con el botón de carga, pero aquí no está (cada cuaderno tiene su propio kernel). Súbelo de nuevo o usa course.use_own_data(\"nombre_del_archivo.csv\").",
        "en": "An earlier notebook used «{name}», uploaded with the upload button, but it is not here (each notebook has its own kernel). Upload it again or use course.use_own_data(\"file_name.csv\").",
    },
    "course.own_data.moved": {
        "es": "Tus datos estaban en «{path}», pero ese archivo ya no está ahí ni en «{folder}» (¿se movió, se borró o terminó la sesión de Colab?). Vuelve a subirlo y ejecuta course.use_own_data(\"nombre_del_archivo.csv\").",
        "en": "Your data was in «{path}», but that file is no longer there nor in «{folder}» (moved, deleted, or the Colab session ended?). Upload it again and run course.use_own_data(\"file_name.csv\").",
    },
    "course.own_data.using_own": {
        "es": "Datos: los tuyos («{name}»).",
        "en": "Data: yours («{name}»).",
    },
    "course.own_data.using_example": {
        "es": "Datos: los de ejemplo del curso («{name}»).",
        "en": "Data: the course's example («{name}»).",
    },
    "course.own_data.no_lengths": {
        "es": "Longitudes máximas: todavía no hay ninguna anotada (se anotan al final del cuaderno 2); mientras tanto, el entrenamiento usa las de su perfil.",
        "en": "Maximum lengths: none noted yet (they are noted at the end of notebook 2); meanwhile, training uses its profile's.",
    },
    "course.own_data.using_lengths": {
        "es": "Longitudes máximas (las que elegiste en el cuaderno 2): textos de hasta {input} tokens y resúmenes de hasta {target} tokens.",
        "en": "Maximum lengths (chosen in notebook 2): texts of up to {input} tokens and summaries of up to {target} tokens.",
    },
    "course.own_data.columns": {
        "es": "Formatos que se pueden leer: {formats}.\nNombres reconocidos para la columna del texto: {text}.\nPara la columna del resumen: {summary}.\n(Mayúsculas y tildes no importan; si ningún nombre coincide, la columna más larga se toma como texto.)\nMínimo: {minimum} pares (con menos no se pueden separar entrenamiento, validación y prueba). Con menos de {train} pares para entrenar o {test} para la prueba, el motor avisa: el modelo aprenderá poco y las métricas serán poco confiables. Recomendado: {recommended} pares o más.",
        "en": "Formats that can be read: {formats}.\nNames recognized for the text column: {text}.\nFor the summary column: {summary}.\n(Case and accents do not matter; if no name matches, the longest column is taken as the text.)\nMinimum: {minimum} pairs (with fewer, training, validation and test cannot be separated). With fewer than {train} pairs to train or {test} for the test, the engine warns: the model will learn little and the metrics will be unreliable. Recommended: {recommended} pairs or more.",
    },
    "course.own_data.format.text1": {
        "es": "La biblioteca municipal de Ponce prestará tabletas a los vecinos que no tengan computadora en casa durante todo el verano.",
        "en": "Ponce's public library will lend tablets to neighbours without a computer at home all summer long.",
    },
    "course.own_data.format.summary1": {
        "es": "Ponce prestará tabletas a quien no tenga computadora.",
        "en": "Ponce will lend tablets to those without a computer.",
    },
    "course.own_data.format.text2": {
        "es": "El museo de Cuenca abrirá los domingos por la tarde a partir de marzo, con entrada gratuita para mayores de sesenta y cinco años.",
        "en": "Cuenca's museum will open on Sunday afternoons from March, free for people over sixty-five.",
    },
    "course.own_data.format.summary2": {
        "es": "El museo de Cuenca abrirá los domingos por la tarde.",
        "en": "Cuenca's museum will open on Sunday afternoons.",
    },
    "course.own_data.nothing_prepared": {
        "es": "El cargador todavía no tiene datos preparados: si quieres usar los tuyos, elige el archivo arriba, pulsa «Preparar datos» y vuelve a ejecutar esta celda.",
        "en": "The uploader has no prepared data yet: to use yours, choose the file above, press «Prepare data» and run this cell again.",
    },
    "course.own_data.not_colab": {
        "es": "Esto no es Google Colab, así que no hay nada que subir: pon tu archivo en la carpeta de los cuadernos (o usa el cargador de datos) y ejecuta course.use_own_data(\"nombre_del_archivo.csv\").",
        "en": "This is not Google Colab, so there is nothing to upload: put your file in the notebooks' folder (or use the data uploader) and run course.use_own_data(\"file_name.csv\").",
    },
    "course.own_data.nothing_uploaded": {
        "es": "No se subió ningún archivo. Sigo con los datos que estaba usando.",
        "en": "No file was uploaded. Going on with the data in use.",
    },
}
