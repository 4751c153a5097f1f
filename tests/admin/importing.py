"""What a browser does on the admin import pages: upload a file, then confirm the preview."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

CSV = "0"  # the first format offered


def upload(
    client: Client, model: str, content: str | bytes, *, format: str = CSV, name: str = "rows.csv"
):
    """Post a file to ``model``'s import page (``model`` as in its admin URL: people_person)."""
    data = content.strip().encode() + b"\n" if isinstance(content, str) else content
    return client.post(
        reverse(f"admin:{model}_import"),
        {"format": format, "import_file": SimpleUploadedFile(name, data, "text/csv")},
    )


def confirm(client: Client, model: str, preview):
    """Confirm a clean preview, as the button under it does."""
    form = preview.context["confirm_form"]
    assert form is not None, "the preview refused the file"
    return client.post(reverse(f"admin:{model}_process_import"), form.initial)


def refusals(preview) -> list[str]:
    """The messages of every refused row of a preview."""
    result = preview.context["result"]
    assert preview.context.get("confirm_form") is None
    return [
        str(message)
        for row in result.invalid_rows
        for messages in row.error_dict.values()
        for message in messages
    ]
