"""Contains some shared types for properties"""

from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    # voiso-campaigns: a readable repr, so a model's repr shows UNSET rather
    # than an object address (templates/README.md).
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


# voiso-campaigns: what the models' from_dict raise and report (templates/README.md).


class SchemaError(ValueError):
    """A value of an answer does not have the type its schema gives it.

    ``path`` locates it (``campaigns[3].status``); ``str()`` is ``path: problem``.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def inside(self, parent: str) -> "SchemaError":
        """The same error, seen from the object that holds the failing one at *parent*."""
        joiner = "" if self.path.startswith("[") else "."
        return SchemaError(f"{parent}{joiner}{self.path}", self.problem)


def schema_error(path: str, value: object) -> SchemaError:
    if isinstance(value, Unset):
        return SchemaError(path, "missing")
    return SchemaError(path, f"unexpected {type(value).__name__}")


#: Told of what an answer holds that the schema does not list: ("Model.field",
#: value) for an enum value kept as a plain str, ("Model.field", None) for a
#: field kept in additional_properties. None: nobody is told.
unknown_hook: Callable[[str, str | None], None] | None = None


def index_of(items: list[Any], item: object) -> int:
    """Where *item* (the object itself) is in *items*: the index an error names."""
    return next(index for index, each in enumerate(items) if each is item)


def unknown(field: str, value: str | None) -> None:
    if unknown_hook is not None:
        unknown_hook(field, value)


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "SchemaError",
    "Unset",
]
