"""The compiled model checker on its own: exact types, nesting, recursion, unknown values."""

from __future__ import annotations

import enum

import attrs

from voiso_campaigns._checks import ModelChecker


class Colour(enum.StrEnum):
    RED = "red"


@attrs.define
class Node:
    name: str
    weight: float | None
    colour: Colour | str
    children: list[Node]
    parent: Node | None = None
    additional_properties: dict[str, object] = attrs.field(factory=dict)


def checker(notes: list[tuple[str, str | None]]) -> ModelChecker:
    return ModelChecker(
        {"Node": Node, "Colour": Colour}, lambda field, value: notes.append((field, value))
    )


def test_valid_tree_passes_and_notes_unknowns() -> None:
    """A valid recursive tree passes; a raw str in an open enum and an extra field are noted."""
    notes: list[tuple[str, str | None]] = []
    leaf = Node("leaf", 1, "blue", [])
    leaf.additional_properties["extra"] = 1
    root = Node("root", 2.5, Colour.RED, [leaf])
    assert checker(notes).check(root) is None
    assert notes == [("Node.extra", None), ("Node.colour", "blue")]


def test_mismatches_are_located() -> None:
    """The first mismatch is reported with its path, through lists and nested models."""
    check = checker([]).check
    assert check(Node("x", True, Colour.RED, [])) == "weight: unexpected bool"
    assert check(Node(3, None, Colour.RED, [])) == "name: unexpected int"  # type: ignore[arg-type]
    bad_child = Node("c", None, Colour.RED, ["not a node"])  # type: ignore[list-item]
    assert (
        check(Node("r", None, Colour.RED, [bad_child])) == "children[0].children[0]: unexpected str"
    )
    assert check(Node("r", None, Colour.RED, [], parent=Node("p", "1", Colour.RED, []))) == (  # type: ignore[arg-type]
        "parent.weight: unexpected str"
    )
