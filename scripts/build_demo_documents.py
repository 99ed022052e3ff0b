"""Write the demo site's generated PDFs (``crawler/demo_site/``), the same bytes every time.

The demo's Montpellier deliberations and minutes are real documents, copied unchanged. What no
real document of those two communes shows is written here, as small text PDFs
(``tests/pdfgen.py``): a vœu against facial recognition, a deliberation extending
video-protection (cameras, amount, vendor), a FIPD grant request for plate readers, a charter
with a councillor's refusal, and a prefecture's recueil with two video-protection arrêtés and a
drone arrêté. Each says it is a fictitious demonstration document; where real wording exists,
it is used and its source is given in ``crawler/demo_site/README.md``.

    python scripts/build_demo_documents.py [--output crawler/demo_site]

``tests/cli/test_demo_site.py`` checks that the committed files are what this script writes.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdfgen import make_pdf  # noqa: E402 - the repository's root is on the path above

SITE = ROOT / "crawler" / "demo_site"
WIDTH = 84  # characters a line: Helvetica 12 pt on an A4 page
LINES_PER_PAGE = 44
FICTITIOUS = "Document fictif de démonstration de Vigie : aucun acte réel n'est reproduit ici."


@dataclass(frozen=True, slots=True)
class DemoDocument:
    path: str  # under the site's folder
    title: str  # the PDF's own title (ASCII and Latin-1 only, no parentheses)
    paragraphs: list[str]  # wrapped at WIDTH; "" is an empty line, "\f" a page break


MONTROUGE_VOEU = DemoDocument(
    "montrouge/documents/voeu-2023-31-reconnaissance-faciale.pdf",
    "Voeu pour que Montrouge se déclare ville hors reconnaissance faciale",
    [
        "VILLE DE MONTROUGE",
        "CONSEIL MUNICIPAL – SÉANCE DU JEUDI 30 MARS 2023",
        FICTITIOUS,
        "",
        "Vœu n° 2023-31 pour que Montrouge se déclare ville hors reconnaissance faciale",
        "présenté par les élus du groupe écologiste",
        "",
        "Exposé des motifs",
        # The group's own words (Montrouge Mag n° 162, April 2023: see the site's README).
        "Le gouvernement n'a pas encore sauté le pas, mais installe année après année le cadre "
        "d'un déploiement de la reconnaissance faciale à grande échelle, avec une dernière étape "
        "franchie lors de la loi sur les JO 2024, qui permet d'expérimenter la vidéosurveillance "
        "algorithmique dans l'espace public.",
        "Nous souhaitons affirmer avec force notre opposition à l'utilisation de cette technologie "
        "dans l'espace public. Il s'agit d'empêcher coûte que coûte la mise en place chez nous "
        "d'une infrastructure technique qui pourra être dévoyée pour surveiller la population à "
        "chaque instant et dans tous les pans de la vie, même privée. Cette méthode coûteuse est "
        "d'ailleurs inefficace en termes de sécurité, en atteste le rapport de la cour des comptes.",
        "",
        "Le Conseil municipal émet le vœu :",
        "- que Montrouge se déclare ville hors reconnaissance faciale ;",
        "- que la commune s'engage à ne pas recourir à la vidéosurveillance algorithmique sur "
        "son territoire.",
        "",
        "Mis aux voix, le vœu n'est pas adopté.",
    ],
)

MONTROUGE_EXTENSION = DemoDocument(
    "montrouge/documents/deliberation-2023-58-extension-videoprotection.pdf",
    "Extension du système de vidéoprotection urbaine : 12 nouvelles caméras",
    [
        "VILLE DE MONTROUGE",
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
        "Séance du jeudi 22 juin 2023",
        FICTITIOUS,
        "",
        "Délibération n° 2023-58 – Extension du système de vidéoprotection urbaine : 12 nouvelles caméras",
        "",
        "Le Conseil municipal,",
        "Vu le Code général des collectivités territoriales, notamment son article L.2121-29 ;",
        "Vu le Code de la sécurité intérieure, notamment ses articles L.251-2 et L.252-1 ;",
        "Considérant que le réseau de vidéoprotection de la commune compte 48 caméras "
        "raccordées au centre de supervision urbain ;",
        "Considérant que le diagnostic de sécurité propose l'installation de 12 nouvelles caméras "
        "aux abords des écoles, de la gare routière et du parc Messier ;",
        "Considérant qu'à l'issue de la consultation, le marché a été attribué à la société "
        "Démo Vidéo Systèmes pour un montant de 186 400 € HT ;",
        "Considérant que les images des nouvelles caméras seront affichées sur la plateforme "
        "d'hypervision du centre de supervision urbain, qui réunit les alertes de la police "
        "municipale ;",
        "Après en avoir délibéré, DÉCIDE :",
        "Article 1 : d'approuver l'extension du système de vidéoprotection par l'installation de "
        "12 nouvelles caméras ;",
        "Article 2 : d'autoriser le Maire à signer le marché avec la société Démo Vidéo Systèmes, "
        "pour un montant de 186 400 € HT ;",
        "Article 3 : les crédits nécessaires sont inscrits au budget de l'exercice 2023.",
        "",
        "Adopté à la majorité : 35 voix pour, 8 voix contre.",
    ],
)

MONTROUGE_FIPD = DemoDocument(
    "montrouge/documents/deliberation-2024-21-fipd-lapi.pdf",
    "Demande de subvention FIPD : lecture automatisée des plaques d'immatriculation",
    [
        "VILLE DE MONTROUGE",
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL",
        "Séance du jeudi 14 mars 2024",
        FICTITIOUS,
        "",
        "Délibération n° 2024-21 – Demande de subvention au titre du fonds interministériel de "
        "prévention de la délinquance (FIPD)",
        "",
        "Le Conseil municipal,",
        "Vu le Code général des collectivités territoriales ;",
        "Considérant que la commune souhaite équiper les quatre entrées de ville de caméras de "
        "lecture automatisée des plaques d'immatriculation (LAPI), pour un coût estimé à "
        "96 000 € HT ;",
        "Considérant que ce projet est éligible au FIPD, qui peut le financer jusqu'à 50 % ;",
        "Après en avoir délibéré, DÉCIDE :",
        "Article 1 : de solliciter auprès de l'État une subvention au titre du FIPD, au taux de "
        "50 %, soit 48 000 € ;",
        "Article 2 : d'autoriser le Maire à signer tout document relatif à cette demande.",
        "",
        "Adopté à l'unanimité.",
    ],
)

MONTPELLIER_CHARTER = DemoDocument(
    "documents/deliberation-2024-312-charte-ethique-videoprotection.pdf",
    "Charte éthique de la vidéoprotection",
    [
        "Conseil Municipal de la Ville de Montpellier",
        "Séance du jeudi 17 octobre 2024",
        FICTITIOUS,
        "",
        "Délibération n° 2024/312 – Charte éthique de la vidéoprotection",
        "",
        "La Ville dispose d'un réseau de vidéoprotection urbaine. Afin de garantir le respect "
        "des libertés publiques, il est proposé au Conseil municipal d'approuver une charte "
        "éthique, qui fixe les règles d'exploitation des caméras et d'accès aux images.",
        "Article 4 de la charte : la Ville s'interdit tout recours à la reconnaissance faciale, "
        "aux capteurs sonores et au traitement de données biométriques.",
        "",
        # A councillor's own words on a charter of 6 July 2011 (see the site's README).
        "Intervention d'un conseiller municipal : « Tout en prenant acte de cet effort de "
        "codification du recours à cette pratique, j'ai déploré que celle-ci soit encore "
        "abusivement présentée comme une vidéo-protection et refusé de cautionner, en "
        "participant à ce vote, une pratique que nous contestons. »",
        "",
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'approuver la charte éthique de "
        "la vidéoprotection.",
        "Adoptée à la majorité.",
    ],
)

_SUMMARY_DOTS = "." * 24
HERAULT_RAA = DemoDocument(
    "prefecture-herault/documents/raa-34-2024-06-special-12.pdf",
    "Recueil des actes administratifs de l'Hérault, numéro spécial 12, juin 2024",
    [
        "RECUEIL DES ACTES",
        "ADMINISTRATIFS",
        "DE L'HÉRAULT",
        "JUIN 2024",
        "NUMÉRO SPÉCIAL N° 12",
        "",
        "Recueil fictif de démonstration de Vigie, mis en page comme les recueils des préfectures.",
        "S O M M A I R E",
        f"CABINET DU PRÉFET{_SUMMARY_DOTS}2",
        f"Arrêté n° 2024-06-0412 du 3 juin 2024 portant autorisation d'un système de vidéoprotection{_SUMMARY_DOTS}2",
        f"Arrêté n° 2024-06-0419 du 5 juin 2024 portant renouvellement d'un système de vidéoprotection{_SUMMARY_DOTS}2",
        f"Arrêté n° 2024-06-0433 du 18 juin 2024 autorisant la captation d'images au moyen de caméras installées sur des aéronefs{_SUMMARY_DOTS}3",
        "\f",
        "CABINET DU PRÉFET",
        "Arrêté n° 2024-06-0412 du 3 juin 2024 portant autorisation d'un système de vidéoprotection",
        "Considérant que ce lieu est particulièrement exposé à des risques d'agression ou de vol ;",
        "ARRÊTE",
        "Art. 1 : Monsieur le Maire de Montpellier est autorisé, dans les conditions fixées au "
        "présent arrêté et pour une durée de cinq ans renouvelable, à installer 6 caméras "
        "extérieures de vidéoprotection aux abords de l'Hôtel de Ville, 1 place Georges Frêche "
        "34000 MONTPELLIER, conformément au dossier présenté.",
        "Art. 2 : Le public est informé de la présence de ces caméras par une signalétique appropriée.",
        "Art. 3 : Hormis le cas d'une enquête de flagrant délit, d'une enquête préliminaire ou "
        "d'une information judiciaire, les enregistrements sont détruits dans un délai maximum "
        "de 15 jours.",
        "Art. 4 : La présente autorisation peut être retirée en cas de manquement aux "
        "dispositions des articles L.251-2, L.252-1 à L.252-6 du code de la sécurité intérieure.",
        "Signé : Le préfet",
        "Arrêté n° 2024-06-0419 du 5 juin 2024 portant renouvellement d'un système de vidéoprotection",
        "ARRÊTE",
        "Art. 1 : L'autorisation d'exploiter le système de vidéoprotection de la boulangerie "
        "du Tram, 12 rue de la Loge 34000 MONTPELLIER, accordée par arrêté du 2 juin 2019, au "
        "gérant, est reconduite pour une durée de cinq ans. Le système comporte 3 caméras "
        "intérieures. Les images sont conservées 10 jours.",
        "Art. 2 : La présente autorisation peut être retirée en cas de manquement aux "
        "dispositions des articles L.252-1 à L.252-6 du code de la sécurité intérieure.",
        "Signé : Le préfet",
        "\f",
        "Arrêté n° 2024-06-0433 du 18 juin 2024 autorisant la captation d'images au moyen de "
        "caméras installées sur des aéronefs",
        "Considérant que l'article L. 242-5 du Code de la Sécurité Intérieure permet aux forces "
        "de sécurité intérieure de procéder à la captation, à l'enregistrement et à la "
        "transmission d'images au moyen de caméras installées sur des aéronefs pour assurer la "
        "sécurité des rassemblements de personnes sur la voie publique ;",
        "Considérant que la Fête de la musique attire chaque année plusieurs dizaines de milliers "
        "de personnes dans le centre de Montpellier ;",
        "ARRÊTE",
        "Art. 1er : La captation, l'enregistrement et la transmission d'images par la direction "
        "départementale de la sécurité publique de l'Hérault, sont autorisés aux seules fins "
        "d'assurer la sécurité des rassemblements de personnes à l'occasion de la Fête de la "
        "musique à Montpellier (34).",
        "Art. 2 : Le nombre maximal de caméras pouvant procéder simultanément aux traitements "
        "mentionnés à l'article 1er est fixé à DEUX.",
        "Art. 3 : La présente autorisation est délivrée pour une durée limitée au vendredi "
        "21 juin 2024 de 19h00 à 23h30.",
        "Signé : Le préfet",
    ],
)

DOCUMENTS = (MONTROUGE_VOEU, MONTROUGE_EXTENSION, MONTROUGE_FIPD, MONTPELLIER_CHARTER, HERAULT_RAA)


def pages(document: DemoDocument) -> list[list[str]]:
    """The document's lines, wrapped and cut into pages (at "\\f" and when a page is full)."""
    result: list[list[str]] = [[]]
    for paragraph in document.paragraphs:
        if paragraph == "\f":
            result.append([])
            continue
        for line in textwrap.wrap(paragraph, WIDTH) or [""]:
            if len(result[-1]) == LINES_PER_PAGE:
                result.append([])
            result[-1].append(line)
    return result


def render(document: DemoDocument) -> bytes:
    return make_pdf(pages(document), title=document.title)


def write_all(output: Path) -> list[Path]:
    written = []
    for document in DOCUMENTS:
        target = output / document.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(document))
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=SITE, help="the demo site's folder")
    for path in write_all(parser.parse_args().output):
        print(f"{path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
