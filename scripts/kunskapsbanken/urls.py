"""Where a project lives in the built site; shared by the views, the search index and the exports."""

from __future__ import annotations


def project_dir(project_id: str) -> str:
    """The folder of a project's page and its attachments in the site: 'projekt/<id>'."""
    return f"projekt/{project_id}"


def project_uri(project_id: str) -> str:
    return f"{project_dir(project_id)}/index.md"


def project_url(project_id: str) -> str:
    """The project page's address relative to the site root: 'projekt/<id>/'."""
    return f"{project_dir(project_id)}/"
