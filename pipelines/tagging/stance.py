"""Stance: whether the sentence around a mention opposes the technology it names.

The cues are the lexicon's ``[stance]`` table (words, structures, guards, the next sentence's
cues and its pointers back); ``StanceReader.stance`` says ``opposition`` or None (unknown, not
support).
"""

from __future__ import annotations

import re
from typing import Any

from pipelines.tagging.lexicon import Lexicon
from pipelines.tagging.sentences import sentence_bounds

# For stance a semicolon does not end the sentence: it separates the items of one statement
# ("Je soulève deux moyens dans mon référé : le défaut d'information ; l'absence de
# justification … des caméras").
_STANCE_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")
RIGHT_BEFORE_CHARS = 80  # "contre" and at most four short words before the mention
_CLAUSE_BREAK = re.compile(r",|\s(?:et|mais|puis|ainsi que)\s")


class StanceReader:
    def __init__(self, lexicon: Lexicon) -> None:
        # The stance cues are long alternations searched around every mention: RE2 runs each in
        # one linear pass, about ten times faster than ``re`` here, with the same matches.
        self._cues = compile_cues(lexicon.opposition)
        self._not_cues = compile_cues(lexicon.not_opposition)
        self._next_cues = compile_cues(lexicon.opposition_next)
        self._refers_back = compile_cues(lexicon.refers_back)
        self._right_before, self._not_right_before = lexicon.right_before, lexicon.not_right_before

    def stance(self, folded_text: str, start: int, end: int, next_start: int | None = None) -> str | None:
        """``opposition`` when the sentence bans or refuses what the mention names.

        A cue counts before the mention anywhere in its sentence ("le conseil refuse … la
        reconnaissance faciale"), and after it only within its clause ("la reconnaissance
        faciale est interdite", but not "approuve la vidéoprotection et refuse les drones").
        """
        cues, guards = self._cues, self._not_cues
        if cues is None:
            return None
        sentence_start, sentence_end = sentence_bounds(folded_text, start, end, _STANCE_SENTENCE_END)
        before = folded_text[sentence_start:start]
        after = folded_text[end:sentence_end]
        if next_start is not None and next_start < sentence_end:
            # Another mention follows in the sentence: a cue past the clause break is its own
            # ("approuve la vidéoprotection et refuse les drones"). Alone, the mention owns the
            # rest of its sentence ("la vidéosurveillance est chère et peu efficace").
            clause_break = _CLAUSE_BREAK.search(after)
            after = after[: clause_break.start()] if clause_break else after
        if guards is not None:
            # "je ne m'interdis pas d'installer": a cue's words, not its meaning.
            before = guards.sub(" ", before)
            after = guards.sub(" ", after)
        if cues.search(before) or cues.search(after):
            return "opposition"
        if self._opposed_right_before(before[-RIGHT_BEFORE_CHARS:]):
            return "opposition"
        if sentence_end < len(folded_text):
            # "… la reconnaissance faciale à l'entrée. La CNIL s'y oppose.", or "… ? Pour cette
            # techno dangereuse …": the next sentence speaks of the same technology.
            next_end = sentence_bounds(folded_text, sentence_end + 1, sentence_end + 1, _STANCE_SENTENCE_END)
            following = folded_text[sentence_end : next_end[1]]
            if self._next_cues is not None and self._next_cues.search(following):
                return "opposition"
            if self._refers_back is not None and self._refers_back.search(following):
                if guards is not None:
                    following = guards.sub(" ", following)
                if cues.search(following):
                    return "opposition"
        return None

    def _opposed_right_before(self, before: str) -> bool:
        """The word opposes the mention it governs: "contre la reconnaissance faciale".

        Anywhere else in the sentence "contre" is too common ("la lutte contre la délinquance,
        avec des caméras") to count; and "la lutte contre les drones" is an anti-drone device.
        """
        right_before, guard = self._right_before, self._not_right_before
        if right_before is None:
            return False
        cue = right_before.search(before)
        return cue is not None and not (guard is not None and guard.search(before, 0, cue.start()))


def compile_cues(pattern: re.Pattern[str] | None) -> Any:
    """The stance pattern for RE2 (leftmost-first, as ``re``); ``re``'s own without RE2."""
    if pattern is None:
        return None
    try:
        import re2
    except ImportError:
        return pattern
    options = re2.Options()
    options.max_mem = 64 << 20
    return re2.compile(pattern.pattern, options)
