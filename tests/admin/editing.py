"""What a browser does before saving a change form: open it and keep its version token."""

from django.test import Client

VERSION_TOKEN = "_version_token"
ROW_VERSIONS = "_row_versions"


def opened(client: Client, url: str) -> dict[str, str]:
    """The hidden version token of the change form at ``url``, as the page hands it out."""
    response = client.get(url)
    assert response.status_code == 200
    token = response.context["version_token"]
    assert f'name="{VERSION_TOKEN}" value="{token}"' in response.content.decode()
    return {VERSION_TOKEN: token}


def form_values(response) -> dict[str, object]:
    """What the browser would post back unchanged: every field of the form and its inlines."""
    forms = [response.context["adminform"].form]
    data: dict[str, object] = {}
    # Admins of our records carry the versions the page was opened on (an add page no token).
    for name, key in [(ROW_VERSIONS, "row_versions"), (VERSION_TOKEN, "version_token")]:
        if key in response.context:
            data[name] = response.context[key]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, (list, tuple)):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data
