"""A ``SearchError`` in the web's words: French, with the URL's parameter names."""

from __future__ import annotations

from search import SearchError, errors
from web.labels import unknown

# The label of each SearchQuery field that an error may name, as the search form calls it.
LABELS = {
    "categories": "Catégorie",
    "doc_types": "Type de document",
    "stance": "Position",
    "departements": "Département",
    "regions": "Région",
    "epcis": "EPCI",
    "communes": "Commune",
    "since": "Date de début",
    "until": "Date de fin",
}


def french_message(exc: SearchError) -> str:
    fields = exc.fields
    label = LABELS.get(fields.field or "", fields.field or "")
    value = str(fields.value)[:40]
    messages = {
        errors.QUERY_TOO_LONG: f"La recherche est trop longue ({fields.value} caractères, {fields.limit} au plus).",
        errors.TOO_MANY_TERMS: f"La recherche compte trop de termes ({fields.value}, {fields.limit} au plus).",
        errors.BAD_DATE: f"{label} invalide : « {value} » (AAAA, AAAA-MM ou AAAA-MM-JJ).",
        errors.UNKNOWN_VALUE: f"{unknown(label)} : « {value} ». Valeurs possibles : {', '.join(fields.choices)}.",
        errors.BAD_DEPARTEMENT: f"Département invalide : « {value} ».",
        errors.BAD_PLACE: f"{label} invalide : « {value} ».",
        errors.BAD_PAGE: "Le nombre de résultats par page et la page doivent être positifs.",
        errors.MALFORMED_QUERY: "Recherche mal formée : vérifiez les guillemets et les parenthèses.",
        errors.UNKNOWN_COLUMN: "Recherche mal formée : les champs sont title et text.",
        errors.TIMEOUT: (
            f"La recherche a pris plus de {fields.limit or 0:g} s et a été interrompue : "
            "ajoutez des mots ou des filtres pour la préciser."
        ),
        errors.STOPPED: "La recherche a été interrompue : le serveur s'arrête.",
        errors.NO_INDEX: "L'archive n'a pas encore d'index de recherche.",
        errors.UNSUPPORTED_BACKEND: f"La recherche plein texte n'est pas encore possible sur cette archive ({value}).",
    }
    return messages.get(exc.kind, "La recherche a échoué.")
