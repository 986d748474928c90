"""What one run of `ingest` or `notify` did, item by item, for its log and its exit status."""

from __future__ import annotations

from dataclasses import dataclass, field

from commonplan.language import ENGLISH, Language, Said, mark, said_marked, say

# What a run did with an item, in the words its log uses: one table for the counts of the
# summary ("recorded 3") and the line for each item ("issue #7: answered").
OUTCOMES = {
    "recorded": mark("run outcome", "recorded"),
    "needs-info": mark("run outcome", "needs-info"),
    "skipped": mark("run outcome", "skipped"),
    "failed": mark("run outcome", "failed"),
    "answered": mark("run outcome", "answered"),
    "taken-down": mark("run outcome", "taken-down"),
    "taken-down (hidden)": mark("run outcome", "taken-down (hidden)"),
    "taken-down (withdrawn)": mark("run outcome", "taken-down (withdrawn)"),
    "refused": mark("run outcome", "refused"),
}


def counted(kind: str, count: int) -> Said:
    """One kind of outcome and how many: "recorded 3"."""
    # Translators: {outcome} is what was done ("recorded"), {count} how many times.
    return say("{outcome} {count}", outcome=said_marked("run outcome", OUTCOMES[kind]), count=count)


def logged(name: Said, outcome: str) -> Said:
    """What the run's log says was done with one item: "issue #7: answered"."""
    words = said_marked("run outcome", OUTCOMES[outcome])
    # Translators: {name} is an item ("issue #7"), {outcome} what was done with it.
    return say("{name}: {outcome}", name=name, outcome=words)


@dataclass
class Summary:
    """What one run did; `failed` holds what still failed after the retries.

    Each list holds its items in English; `fail` and `refuse` also keep the words of an item
    to be said in the language of the person reading the log (`text`).
    """

    recorded: list[str] = field(default_factory=list)
    needs_info: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    taken_down: list[str] = field(default_factory=list)  # told it was hidden or withdrawn
    refused: list[str] = field(default_factory=list)  # forged answers, hides: not told
    kinds: tuple[str, ...] = ("recorded", "needs-info", "skipped", "failed")
    said: dict[str, Said] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.refused)

    def count(self, kind: str) -> int:
        items: list[str] = getattr(self, kind.replace("-", "_"))
        return len(items)

    def fail(self, words: str | Said) -> None:
        self.failed.append(self._kept(words))

    def refuse(self, words: str | Said) -> None:
        self.refused.append(self._kept(words))

    def _kept(self, words: str | Said) -> str:
        english = str(words)
        if isinstance(words, Said):
            self.said[english] = words
        return english

    def text(self, t: Language = ENGLISH) -> str:
        lines = [", ".join(counted(kind, self.count(kind)).in_language(t) for kind in self.kinds)]
        # Translators: {item} is what was refused or failed, and why.
        lines += [say("refused: {item}", item=self._words(i)).in_language(t) for i in self.refused]
        lines += [say("failed: {item}", item=self._words(i)).in_language(t) for i in self.failed]
        return "\n".join(lines)

    def _words(self, item: str) -> str | Said:
        return self.said.get(item, item)
