"""Interactive API docs served by the app itself: no CDN, no bundled JavaScript library.

Every operation of the OpenAPI document with its parameters, request body and responses, and
a "try it" form for GET operations (a few lines of inline script; it uses the session).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(schema: dict[str, Any], components: dict[str, Any], depth: int = 0) -> Any:
    """Inline $refs (a few levels deep) so each operation's schema reads on its own."""
    if depth > 6:
        return schema
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return _resolve(components.get(name, {}), components, depth + 1)
        return {k: _resolve(v, components, depth + 1) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_resolve(v, components, depth + 1) for v in schema]
    return schema


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    components = document.get("components", {}).get("schemas", {})
    found = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            responses = []
            for status, response in sorted(op.get("responses", {}).items()):
                content = response.get("content", {})
                media, schema = next(iter(content.items()), (None, {}))
                shown = _resolve(schema.get("schema", {}), components) if media else None
                responses.append(
                    {
                        "status": status,
                        "description": response.get("description", ""),
                        "media": media,
                        "schema": json.dumps(shown, indent=2) if shown is not None else "",
                    }
                )
            found.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "schema": json.dumps(_resolve(p.get("schema", {}), components)),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": json.dumps(_resolve(body.get("schema", {}), components), indent=2)
                    if body
                    else "",
                    "responses": responses,
                    "try_it": method == "get",
                }
            )
    return found


class LocalDocs(DocsBase):
    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        document = api.get_openapi_schema(path_params=kwargs)
        ops = operations(document)
        return render(
            request,
            "api/docs.html",
            {
                "document": document,
                "operations": ops,
                "openapi_url": self.get_openapi_url(api, kwargs),
                "base": "",  # the document's paths are absolute
            },
        )
