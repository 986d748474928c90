"""What one run of `ingest` or `notify` did, item by item, for its log and its exit status."""

from __future__ import annotations

from dataclasses import dataclass, field

from commonplan.language import ENGLISH, Language, Said, say


def counted(kind: str, count: int) -> Said:
    """One kind of outcome and how many: "recorded 3"."""
    if kind == "recorded":
        return say("recorded {count}", count=count)
    if kind == "needs-info":
        return say("needs-info {count}", count=count)
    if kind == "skipped":
        return say("skipped {count}", count=count)
    if kind == "failed":
        return say("failed {count}", count=count)
    if kind == "answered":
        return say("answered {count}", count=count)
    if kind == "taken-down":
        return say("taken-down {count}", count=count)
    if kind == "refused":
        return say("refused {count}", count=count)
    raise ValueError(kind)


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
