"""A forest of ids, for walking up and down parent links without queries (see arena.register.structure).
Kept free of model imports so the models can use it too."""

from collections import defaultdict
from collections.abc import Iterable


class Tree:
    """A forest given as {id: parent id}; walks stop on cycles."""

    def __init__(self, parents: dict[int, int | None]):
        self.parents = parents
        self.children: dict[int | None, set[int]] = defaultdict(set)
        for pk, parent in parents.items():
            self.children[parent].add(pk)

    def ancestors(self, pk: int) -> list[int]:
        """`pk` and the ids above it, nearest first."""
        chain, seen = [pk], {pk}
        while (parent := self.parents.get(chain[-1])) is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
        return chain

    def root(self, pk: int) -> int:
        return self.ancestors(pk)[-1]

    def descendants(self, ids: Iterable[int]) -> set[int]:
        """The given ids with everything below them."""
        result = set(ids)
        frontier = set(result)
        while frontier:
            frontier = set().union(*(self.children[pk] for pk in frontier)) - result
            result |= frontier
        return result

    def would_cycle(self, pk: int | None, new_parent: int | None) -> bool:
        """True if giving `pk` the parent `new_parent` would put it under itself."""
        if pk is None or new_parent is None:
            return False
        return pk in self.ancestors(new_parent)
