"""The signed-in agent is read with their progress in the step page's mission, in one statement
(web/signed_in.py): only their own progress, only the page's mission, and only on that page."""
from __future__ import annotations

from .factories import PIN
from .test_query_counts import counted

MISSION = "/agent/missie/alle-soorten"
HINT = "Er zijn twee goede antwoorden."


def _start_and_pass_welcome(auth, code: str, name: str) -> None:
    auth.agent(code, name, PIN)
    auth.client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    auth.client.post(f"{MISSION}/stap/welkom", data={"csrf_token": auth.token(MISSION)})


def test_a_step_page_reads_the_agent_and_their_progress_in_one_statement(app, client, auth, world):
    _start_and_pass_welcome(auth, world.class_code, "Snelle Vos")
    client.post(f"{MISSION}/stap/klikken/hint", data={"csrf_token": auth.token(MISSION)})
    with counted(app) as statements:
        page = client.get(MISSION).get_data(as_text=True)
    assert HINT in page and 'name="option"' in page  # the step at the agent's position, with their hint
    assert len(statements) == 1, statements
    assert "FROM agents" in statements[0] and "mission_progress" in statements[0]


def test_another_agents_progress_and_hints_do_not_show(client, auth, world):
    _start_and_pass_welcome(auth, world.other_class_code, "Slimme Uil")
    client.post(f"{MISSION}/stap/klikken/hint", data={"csrf_token": auth.token(MISSION)})
    client.post(f"{MISSION}/stap/klikken", data={"csrf_token": auth.token(MISSION), "option": ["1", "2"]})
    auth.sign_out()
    auth.agent(world.class_code, "Snelle Vos", PIN)
    assert "Start de missie" in client.get(MISSION).get_data(as_text=True)  # not started, whoever else did
    client.post(f"{MISSION}/start", data={"csrf_token": auth.token(MISSION)})
    client.post(f"{MISSION}/stap/welkom", data={"csrf_token": auth.token(MISSION)})
    page = client.get(MISSION).get_data(as_text=True)
    assert 'name="option"' in page and HINT not in page  # their own step, without the other agent's hint


def test_progress_in_one_mission_is_not_read_for_another(client, auth, world):
    _start_and_pass_welcome(auth, world.class_code, "Snelle Vos")
    assert 'name="option"' in client.get(MISSION).get_data(as_text=True)
    other = client.get("/agent/missie/buiten").get_data(as_text=True)
    assert "Start de missie" in other and 'name="option"' not in other


def _the_agent_read(app, request) -> str:
    """The statement that read the signed-in agent while ``request`` ran."""
    with counted(app) as statements:
        request()
    return next(text for text in statements if "FROM agents" in text)


def test_other_pages_read_the_agent_alone(app, client, auth, world):
    _start_and_pass_welcome(auth, world.class_code, "Snelle Vos")
    token = auth.token(MISSION)
    home = _the_agent_read(app, lambda: client.get("/agent/"))
    answer = _the_agent_read(app, lambda: client.post(f"{MISSION}/stap/klikken",
                                                      data={"csrf_token": token, "option": ["0"]}))
    assert "mission_progress" not in home and "mission_progress" not in answer
