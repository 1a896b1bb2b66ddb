"""The Spanish of a few of the library's texts (core/translated.py): translations
of catalogue.py's English, nothing more. A resource named after an organization
or a program (NLC REAL, GARE) keeps its name; its summary is translated. The
others show their English, marked as English, to Spanish readers."""

RESOURCES_ES = {
    "advancing-racial-equity-an-introduction": {
        "title_es": "Avanzar en la equidad racial: una introducción",
        "summary_es": "Cal Cities y el departamento REAL de la National League of "
        "Cities sientan las bases del trabajo necesario para ampliar el "
        "conocimiento y la capacidad de los líderes municipales para eliminar las "
        "disparidades raciales, sanar las divisiones raciales y construir "
        "comunidades más equitativas.",
    },
    "advancing-racial-equity-a-discussion": {
        "title_es": "Avanzar en la equidad racial: una conversación",
        "summary_es": "Ciudades de todo el país enfrentan la frustración, la "
        "indignación y el dolor que causan los efectos del racismo sistémico. "
        "Responsables del departamento REAL de la National League of Cities y tres "
        "líderes municipales de California conversan sobre cómo construyen "
        "ciudades más equitativas y justas.",
    },
    "nlc-real": {
        "summary_es": "El programa Race, Equity, and Leadership (REAL) de la "
        "National League of Cities (NLC) se creó tras los disturbios de 2014 en "
        "Ferguson, Misuri, para fortalecer la capacidad de construir comunidades "
        "más equitativas.",
    },
    "racial-equity-resolution": {
        "title_es": "Resolución sobre equidad racial",
        "summary_es": "Una plantilla y puntos clave que explican por qué trabajar "
        "por la equidad es bueno para el gobierno local.",
    },
    "gare": {
        "summary_es": "Una red nacional de gobiernos que trabaja para lograr la "
        "equidad racial y ampliar las oportunidades para todas las personas.",
    },
    "cal-cities-equity-roadmap": {
        "title_es": "Hoja de ruta de Cal Cities para la equidad",
        "summary_es": "Presenta las acciones y estrategias que la organización "
        "prevé para apoyar a los líderes municipales en el avance de la equidad en "
        "sus comunidades.",
    },
}

FOUNDATIONAL_ES = {
    "title_es": "Recursos fundamentales",
    "description_es": "Una lista de recursos fundamentales para fortalecer el "
    "conocimiento y la capacidad de los líderes municipales para eliminar las "
    "disparidades raciales, sanar las divisiones raciales y construir comunidades "
    "más equitativas. Irá creciendo a medida que profundicemos nuestro "
    "conocimiento y ampliemos nuestro alcance en este campo.",
}
