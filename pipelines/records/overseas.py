"""The communes of the overseas collectivities that INSEE's list of communes (and so the
registry, ``reference.authorities``) leaves out: New Caledonia's 33, French Polynesia's 48,
Saint-Pierre-et-Miquelon's two, Saint-Barthélemy and Saint-Martin, and Wallis-and-Futuna's
three districts. A page names them as it names any town ("la ville de Nouméa", "le maire de
Papeete"), so they are communes to the records as much as Brest is."""

from __future__ import annotations

NEW_CALEDONIA = (
    "Bélep", "Boulouparis", "Bourail", "Canala", "Dumbéa", "Farino", "Hienghène", "Houaïlou",
    "L'Île-des-Pins", "Kaala-Gomen", "Koné", "Kouaoua", "Koumac", "La Foa", "Lifou", "Maré",
    "Moindou", "Le Mont-Dore", "Nouméa", "Ouégoa", "Ouvéa", "Païta", "Poindimié", "Ponérihouen",
    "Pouébo", "Pouembout", "Poum", "Poya", "Sarraméa", "Thio", "Touho", "Voh", "Yaté",
)  # fmt: skip
FRENCH_POLYNESIA = (
    "Anaa", "Arue", "Arutua", "Bora-Bora", "Faa'a", "Fakarava", "Fangatau", "Fatu-Hiva",
    "Gambier", "Hao", "Hikueru", "Hitiaa O Te Ra", "Hiva-Oa", "Huahine", "Mahina", "Makemo",
    "Manihi", "Maupiti", "Moorea-Maiao", "Napuka", "Nuku-Hiva", "Nukutavake", "Paea", "Papara",
    "Papeete", "Pirae", "Puka-Puka", "Punaauia", "Raivavae", "Rangiroa", "Rapa", "Reao",
    "Rimatara", "Rurutu", "Tahaa", "Tahuata", "Taiarapu-Est", "Taiarapu-Ouest", "Takaroa",
    "Taputapuatea", "Tatakoto", "Teva I Uta", "Tubuai", "Tumaraa", "Tureia", "Ua-Huka", "Ua-Pou",
    "Uturoa",
)  # fmt: skip
OTHER_COLLECTIVITIES = (
    "Saint-Pierre", "Miquelon-Langlade", "Saint-Barthélemy", "Saint-Martin", "Alo", "Sigave", "Uvea",
)  # fmt: skip
# Other spellings in use: the Journal officiel's "Bouloupari", "Pukapuka" run together, and
# Wallis-and-Futuna's islands named for their districts.
VARIANTS = ("Bouloupari", "Pukapuka", "Wallis", "Futuna")
OVERSEAS_COMMUNES = (*NEW_CALEDONIA, *FRENCH_POLYNESIA, *OTHER_COLLECTIVITIES, *VARIANTS)
