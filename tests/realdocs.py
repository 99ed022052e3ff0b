"""Paths to the real French council documents in ../shared/fixtures/real (see SOURCES.md there)."""

from __future__ import annotations

from pathlib import Path

REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real"
if not (REAL / "SOURCES.md").exists():
    raise RuntimeError(f"the shared fixtures are missing: expected {REAL} beside the repository")

MTP = REAL / "Opendata"
DELIB_VIDEOPROTECTION = (
    MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_2013_02_04.zip.d/2013-02-04-0000061100.pdf"
)
DELIB_BUDGET = MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_2013_02_04.zip.d/2013-02-04-0000061102.pdf"
DELIB_POESIE = MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_2013_02_04.zip.d/2013-02-04-0000061113.pdf"
DELIB_CLSPD = MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delib_2014_05_22.zip.d/2014-05-22-0000072072.pdf"
PV_255_PAGES = MTP / "VilleMTP_MTP_PVCM/VilleMTP_MTP_PVCM_2014.zip.d/PV_CM_17_02_2014.pdf"
CR_SCANNED = MTP / "VilleMTP_MTP_CRCM/VilleMTP_MTP_CRCM_2011.zip.d/CR_CM_20_06_2011.pdf"
CR_DOC = MTP / "VilleMTP_MTP_CRCM/VilleMTP_MTP_CRCM_2011.zip.d/CR_CM_07_11_2011.doc"
CSV_UTF16 = MTP / "VilleMTP_MTP_Delibs/VilleMTP_MTP_Delibs_Archives.csv"
CSV_LATIN1 = MTP / "VilleMTP_MTP_CameraSurv/VilleMTP_MTP_CameraSurv.csv"
COUTHENANS_CR = REAL / "couthenans.fr/assets/pdf/CR_reunion_20211105.pdf"
COUTHENANS_ARRETE_SCAN = REAL / "couthenans.fr/assets/pdf/arrete_pref_ 23_03_2023.pdf"
FLAUX = REAL / "flaux-village.github.io/assets/documents"
FLAUX_PV_STAMP_ONLY = FLAUX / "comptesrendus/PV du 31 mars 2023-tampon.pdf"
FLAUX_CR_SCANNED = FLAUX / "comptesrendus/Compte rendu du 28 avril 2022.pdf"
FLAUX_DOC = FLAUX / "comptesrendus/20200608-5 - compte rendu du 8 juin.doc"


def flaux_liste_nfd() -> Path:
    """The list of deliberations whose file name is stored with NFD (decomposed) accents."""
    folder = FLAUX / "comptesrendus"
    return next(path for path in folder.iterdir() if path.name.startswith("liste des d"))


# ../shared/fixtures/real2 (SOURCES.md there): prefecture bulletins of the Manche, as text.
REAL2 = REAL.parent / "real2"
RAA_MANCHE_VIDEOPROTECTION = REAL2 / "manche_RAA_SP_14_2025.txt"  # 83 video-protection arrêtés
RAA_MANCHE_DRONES = REAL2 / "PROJET_RAA/Nettoyage/raa_avant/RAA SP 16.txt"  # 2 drone arrêtés, 2 others
# The Avranches council's minutes of 1 July 2013 (item 5: the video-protection contract), as text,
# from the public repository benjaminpochat/demos (see SOURCES.md).
PV_AVRANCHES_2013_07_01 = (
    REAL
    / "demos/demos-trainer/src/test/resources/process/training/text_dataset_producer/training/city_council_report"
    / "CM%2001%2007%202013%20-%20Proc%C3%A8s-verbal.pdf.txt"
)
