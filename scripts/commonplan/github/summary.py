"""What one run of `ingest` or `notify` did, item by item, for its log and its exit status."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Summary:
    """What one run did; `failed` holds what still failed after the retries."""

    recorded: list[str] = field(default_factory=list)
    needs_info: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)
    taken_down: list[str] = field(default_factory=list)  # told it was hidden or withdrawn
    refused: list[str] = field(default_factory=list)  # forged answers, hides: not told
    kinds: tuple[str, ...] = ("recorded", "needs-info", "skipped", "failed")

    @property
    def ok(self) -> bool:
        return not (self.failed or self.refused)

    def count(self, kind: str) -> int:
        items: list[str] = getattr(self, kind.replace("-", "_"))
        return len(items)

    def text(self) -> str:
        lines = [", ".join(f"{kind} {self.count(kind)}" for kind in self.kinds)]
        lines += [f"refused: {item}" for item in self.refused]
        lines += [f"failed: {item}" for item in self.failed]
        return "\n".join(lines)
