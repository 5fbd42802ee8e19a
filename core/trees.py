"""Rows filed under a parent of their own kind (pages under pages, news categories under
categories), a few levels deep at most."""

from django.core.exceptions import ValidationError


class ShallowTree:
    """For a model with a nullable `parent` foreign key to itself.

    The model sets `max_depth` and the two messages shown under its parent field:
    `parent_cycle_message` and `parent_depth_message` (with %(depth)s)."""

    max_depth: int
    parent_cycle_message: str
    parent_depth_message: str

    def clean_parent(self) -> None:
        """Refuse a parent that is this row or one under it, or a tree deeper than max_depth."""
        if self.parent_id is None:
            return
        levels = self.descendant_levels()
        if self.parent_id == self.pk or any(self.parent_id in level for level in levels):
            raise ValidationError({"parent": self.parent_cycle_message})
        if len(self.parent.ancestors()) + 2 + len(levels) > self.max_depth:
            raise ValidationError({"parent": self.parent_depth_message % {"depth": self.max_depth}})

    def ancestors(self) -> list:
        """The parent, its parent … nearest first (a cycle ends the walk)."""
        found = []
        seen = {self.pk}
        node = self.parent
        while node is not None and node.pk not in seen:
            found.append(node)
            seen.add(node.pk)
            node = node.parent
        return found

    def descendant_levels(self) -> list[set[int]]:
        """The ids of the rows under this one, one set per level (empty for a new row); one
        query per level, and the levels are few (max_depth)."""
        levels: list[set[int]] = []
        if self.pk is None:
            return levels
        manager = type(self)._default_manager
        seen = {self.pk}
        current = {self.pk}
        while current:
            current = set(
                manager.filter(parent__in=current).exclude(pk__in=seen).values_list("pk", flat=True)
            )
            if current:
                levels.append(current)
                seen |= current
        return levels

    def possible_parents(self):
        """What the admin offers as parent: every other row, never this one or one under it
        (clean_parent() still refuses a tree too deep)."""
        rows = type(self)._default_manager.all()
        if self.pk:
            below = set().union(*self.descendant_levels())
            rows = rows.exclude(pk__in={self.pk, *below})
        return rows
