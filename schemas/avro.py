"""Avro schemas derived from the pydantic models, and the committed ``.avsc`` files.

``python -m schemas.avro`` rewrites ``schemas/avro/*.avsc``; ``tests/test_schemas.py`` fails when
the committed files differ from what the models give, so the two never drift.
"""

from __future__ import annotations

import json
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from schemas.events import EVENT_TYPES, Event

NAMESPACE = "cardstream"
AVRO_DIR = Path(__file__).parent / "avro"

_PRIMITIVES: dict[Any, Any] = {
    str: "string",
    int: "long",
    float: "double",
    bool: "boolean",
    bytes: "bytes",
    datetime: {"type": "long", "logicalType": "timestamp-millis"},
}


def _avro_type(annotation: Any, defined: set[str]) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        branches = [a for a in args if a is not type(None)]
        if len(branches) != 1:
            raise TypeError(f"only X | None unions map to Avro: {annotation}")
        return ["null", _avro_type(branches[0], defined)]
    if origin is typing.Literal:
        return "string"  # validated by pydantic; see the module docstring of schemas.events
    if origin is list:
        return {"type": "array", "items": _avro_type(args[0], defined)}
    if origin is dict:
        if args[0] is not str:
            raise TypeError("Avro maps have string keys")
        return {"type": "map", "values": _avro_type(args[1], defined)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation.__name__ in defined:
            return f"{NAMESPACE}.{annotation.__name__}"
        return record_schema(annotation, defined)
    if annotation in _PRIMITIVES:
        return _PRIMITIVES[annotation]
    # Literal aliases (CardType, Difficulty) arrive as typing aliases
    if typing.get_origin(typing.get_args(annotation)[0] if args else None) is typing.Literal:
        return "string"
    raise TypeError(f"no Avro mapping for {annotation!r}")


def _avro_default(model: type[BaseModel], name: str) -> Any:
    field = model.model_fields[name]
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]
    elif field.default is not PydanticUndefined:
        value = field.default
    else:
        return PydanticUndefined
    if isinstance(value, datetime):
        return PydanticUndefined  # a time of generation is no default; writers must set it
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value


def record_schema(model: type[BaseModel], defined: set[str] | None = None) -> dict[str, Any]:
    defined = set() if defined is None else defined
    defined.add(model.__name__)
    hints = typing.get_type_hints(model)
    fields = []
    for name, field in model.model_fields.items():
        entry: dict[str, Any] = {"name": name, "type": _avro_type(hints[name], defined)}
        if field.description:
            entry["doc"] = field.description
        default = _avro_default(model, name)
        if default is not PydanticUndefined:
            entry["default"] = default
        fields.append(entry)
    return {
        "type": "record",
        "name": model.__name__,
        "namespace": NAMESPACE,
        "doc": " ".join((model.__doc__ or "").split()),
        "fields": fields,
    }


def schema_for(event: type[Event]) -> dict[str, Any]:
    return record_schema(event)


def avsc_path(event: type[Event]) -> Path:
    return AVRO_DIR / f"{event.topic}.avsc"


def render(event: type[Event]) -> str:
    return json.dumps(schema_for(event), indent=2, ensure_ascii=False) + "\n"


def load_committed(event: type[Event]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(avsc_path(event).read_text(encoding="utf-8"))
    return data


def write_all() -> list[Path]:
    AVRO_DIR.mkdir(exist_ok=True)
    written = []
    for event in EVENT_TYPES:
        path = avsc_path(event)
        path.write_text(render(event), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
