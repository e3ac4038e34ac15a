"""khulasa (خلاصة, "the gist"): extractive summaries of Arabic news.

Offsets: ``start``/``end`` are byte offsets in the UTF-8 of the text given (as ``khulasa summarize --format
jsonl`` writes them); ``cstart``/``cend`` are character offsets, so ``text[cstart:cend]`` is the sentence's span.
"""

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, Literal, Optional, TypedDict, Union

__version__: str
MIN_BATCH_DOCUMENTS: int
"""From this many stories on, ``idf="auto"`` takes a batch's own document frequencies (100)."""

Scorer = Literal[
    "default", "lead", "weighted", "tfidf", "textrank", "lexrank", "lexrank-threshold", "centroid"
]
Stemmer = Literal["light", "snowball", "none"]
IdfSource = Literal["auto", "batch", "background", "document"]
Item = Union[str, Mapping[str, Any]]
"""A text, or a dict shaped like a JSONL record: ``text`` and optionally ``id``, ``title``, ``source``, ``date``."""

class Sentence(TypedDict):
    """A sentence of a summary."""

    text: str
    """As a reader is shown it: repaired, on one line."""
    start: int
    """Byte offset of its start in the UTF-8 of the text given."""
    end: int
    """Byte offset of its end in the UTF-8 of the text given."""
    cstart: int
    """Character offset of its start."""
    cend: int
    """Character offset of its end."""
    index: int
    """Its index among the text's sentences, as ``khulasa split`` numbers them."""
    rank: int
    """1 for the sentence chosen first."""
    score: float

class Unit(TypedDict):
    """A sentence (or headline, or furniture) of a split text."""

    text: str
    start: int
    end: int
    cstart: int
    cend: int
    kind: Literal["body", "headline", "subheadline", "furniture"]

def summarize(
    text: str,
    *,
    scorer: str = "default",
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    ratio: Optional[float] = None,
    diversity: Optional[float] = None,
    stemmer: str = "light",
    keep_stopwords: bool = False,
    df: Optional[DfTable] = None,
) -> list[Sentence]:
    """The summary of one text: the sentences ``khulasa summarize`` picks, in document order.

    At most one budget (``sentences``, ``words`` or ``ratio``; three sentences when none). IDF from the
    background table, or from ``df``. Raises ValueError for bad options, with the library's message.
    """

def summarize_many(
    items: Iterable[Item],
    *,
    threads: Optional[int] = None,
    idf: str = "auto",
    scorer: str = "default",
    sentences: Optional[int] = None,
    words: Optional[int] = None,
    ratio: Optional[float] = None,
    diversity: Optional[float] = None,
    stemmer: str = "light",
    keep_stopwords: bool = False,
    df: Optional[DfTable] = None,
) -> list[list[Sentence]]:
    """The summaries of a batch, in input order, as ``khulasa summarize`` gives them over the same records.

    ``idf="auto"``: a batch of 100 stories or more takes IDF from its own document frequencies, a smaller one
    from the background table; ``df`` overrides as ``--df`` does. Runs on rayon's threads with the GIL
    released (``threads`` threads when given). A story with no text or only headlines has an empty summary.
    """

def split(text: str) -> list[Unit]:
    """The sentences of a text as ``khulasa split`` gives them (after the same repair)."""

def normalize(text: str) -> str:
    """The text repaired as ``khulasa normalize`` repairs it."""

def jsonl_line(item: Item, sentences: Iterable[Sentence], *, scorer: str = "default") -> str:
    """The line ``khulasa summarize --format jsonl`` writes for a story (``item`` as ``summarize_many`` takes it,
    ``sentences`` as it gave them), with its line break."""

def stem(words: Iterable[str], algorithm: str = "light") -> list[str]:
    """Each word trimmed, folded and stemmed (``light``, ``snowball`` or ``none``) as ``khulasa stem`` does."""

class DfTable:
    """Document frequencies over a collection, as ``--save-df`` writes them and ``--df`` reads them.

    Count shards with ``DfTable.count``, add them with ``merge``, give the result to ``summarize_many(...,
    df=table)``. Tables pickle.
    """

    def __init__(self) -> None:
        """An empty table."""

    @staticmethod
    def count(
        texts: Iterable[Item],
        *,
        stemmer: str = "light",
        keep_stopwords: bool = False,
        threads: Optional[int] = None,
    ) -> DfTable:
        """The document frequencies of the terms of ``texts``, counted as ``--save-df`` counts a batch."""

    def merge(self, other: DfTable) -> None:
        """Adds ``other``'s counts to this table."""

    def save(self, path: Union[str, PathLike[str]]) -> None:
        """Writes the table as ``--save-df`` does. Raises OSError."""

    @staticmethod
    def load(path: Union[str, PathLike[str]]) -> DfTable:
        """Reads a table written by ``save`` or ``--save-df``. Raises OSError, or ValueError for a bad table."""

    @staticmethod
    def from_bytes(data: bytes) -> DfTable:
        """A table from what ``to_bytes`` gives."""

    def to_bytes(self) -> bytes:
        """The table as ``save`` writes it."""

    @property
    def documents(self) -> int:
        """The number of documents counted."""

    def get(self, term: str) -> int:
        """The number of documents holding ``term`` (a folded stem), 0 if none."""

    def __len__(self) -> int:
        """The number of distinct terms."""
