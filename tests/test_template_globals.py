"""Template globals (web/template_globals.py) resolve like Jinja's own ChainMap, without its exceptions."""
from __future__ import annotations

import pytest

from cyberquest.web.template_globals import QuickGlobalsEnvironment, TemplateGlobals


def test_the_app_renders_with_the_quick_globals(app):
    assert isinstance(app.jinja_env, QuickGlobalsEnvironment)
    template = app.jinja_env.from_string("{{ shout('hoi') }} {{ own }}", globals={"own": "eigen"})
    app.jinja_env.globals["shout"] = str.upper  # added later, still seen: the environment's map is shared
    assert isinstance(template.globals, TemplateGlobals)
    assert template.render() == "HOI eigen"


def test_a_templates_own_global_comes_first_and_a_missing_name_is_a_key_error():
    found = TemplateGlobals({"name": "eigen"}, {"name": "omgeving", "other": 1})
    assert found["name"] == "eigen" and found["other"] == 1
    assert dict(found) == {"name": "eigen", "other": 1}
    with pytest.raises(KeyError):
        found["missing"]
