"""Parley driven by Python's mattermostdriver, the way bots and admin scripts use it.

run.sh starts Parley on an empty database and passes its address in PARLEY_HOST / PARLEY_PORT.
The first user signed up becomes the system admin, as on a fresh Mattermost server.
"""

import os
import uuid

import pytest
from mattermostdriver import Driver
from mattermostdriver.exceptions import (
    InvalidOrMissingParameters,
    NoAccessTokenProvided,
    NotEnoughPermissions,
    ResourceNotFound,
)

HOST = os.environ.get("PARLEY_HOST", "127.0.0.1")
PORT = int(os.environ.get("PARLEY_PORT", "8065"))
PASSWORD = "Compat-passw0rd!"


def unique(prefix):
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def driver(**options):
    return Driver(
        {
            "url": HOST,
            "port": PORT,
            "scheme": "http",
            "basepath": "/api/v4",
            "request_timeout": 30,
            **options,
        }
    )


def logged_in(login_id, password=PASSWORD):
    d = driver(login_id=login_id, password=password)
    d.login()
    return d


@pytest.fixture(scope="module")
def admin_name():
    # Sign-up without a session: on an empty server this first account is the system admin.
    name = unique("admin")
    user = driver().users.create_user(
        {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    )
    assert user["username"] == name
    assert "system_admin" in user["roles"].split()
    return name


@pytest.fixture(scope="module")
def admin(admin_name):
    return logged_in(admin_name)


@pytest.fixture(scope="module")
def member(admin):
    name = unique("member")
    user = admin.users.create_user(
        {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    )
    assert user["roles"] == "system_user"
    return user


@pytest.fixture(scope="module")
def member_driver(member):
    return logged_in(member["username"])


@pytest.fixture(scope="module")
def team(admin):
    name = unique("team")
    return admin.teams.create_team({"name": name, "display_name": "Compat Team", "type": "O"})


@pytest.fixture(scope="module")
def team_with_member(admin, team, member):
    admin.teams.add_user_to_team(team["id"], {"team_id": team["id"], "user_id": member["id"]})
    return team


def test_login_returns_the_user_and_keeps_a_token(admin, admin_name):
    assert admin.client.username == admin_name
    assert len(admin.client.userid) == 26
    assert admin.client.token
    me = admin.users.get_user("me")
    assert isinstance(me, dict), "GET /users/me must be JSON (Content-Type: application/json)"
    assert me["id"] == admin.client.userid
    assert me["username"] == admin_name
    assert "password" not in me


def test_create_team(admin, team):
    assert len(team["id"]) == 26
    assert team["display_name"] == "Compat Team"
    assert team["type"] == "O"
    fetched = admin.teams.get_team(team["id"])
    assert fetched["name"] == team["name"]


def test_add_user_to_team(admin, team_with_member, member):
    members = admin.teams.get_team_members(team_with_member["id"])
    assert member["id"] in {m["user_id"] for m in members}


def test_public_and_private_channels_with_members(admin, team_with_member, member):
    team = team_with_member
    public = admin.channels.create_channel(
        {"team_id": team["id"], "name": unique("pub-"), "display_name": "Public", "type": "O"}
    )
    private = admin.channels.create_channel(
        {"team_id": team["id"], "name": unique("priv-"), "display_name": "Private", "type": "P"}
    )
    assert public["type"] == "O" and private["type"] == "P"
    assert public["team_id"] == team["id"]

    for channel in (public, private):
        added = admin.channels.add_user(channel["id"], {"user_id": member["id"]})
        assert added["channel_id"] == channel["id"]
        assert added["user_id"] == member["id"]

    found = admin.channels.get_channel_by_name_and_team_name(team["name"], private["name"])
    assert found["id"] == private["id"]

    members = admin.channels.get_channel_members(private["id"])
    assert {m["user_id"] for m in members} == {admin.client.userid, member["id"]}


def test_member_sees_channels_of_their_team(member_driver, admin, team_with_member):
    public = admin.channels.create_channel(
        {"team_id": team_with_member["id"], "name": unique("seen-"), "display_name": "Seen", "type": "O"}
    )
    found = member_driver.channels.get_channel_by_name_and_team_name(
        team_with_member["name"], public["name"]
    )
    assert found["id"] == public["id"]


def test_get_users_by_usernames(admin, admin_name, member):
    users = admin.users.get_users_by_usernames([admin_name, member["username"]])
    assert sorted(u["username"] for u in users) == sorted([admin_name, member["username"]])


def test_login_with_a_token(admin, admin_name):
    by_token = driver(token=admin.client.token)
    result = by_token.login()
    assert result["username"] == admin_name
    assert by_token.client.userid == admin.client.userid
    assert by_token.users.get_user("me")["id"] == admin.client.userid


def test_logout_revokes_the_session(member):
    d = logged_in(member["username"])
    token = d.client.token
    d.logout()
    with pytest.raises(NoAccessTokenProvided):
        d.users.get_user("me")
    # The server forgot the token too: reusing it is refused.
    with pytest.raises(NoAccessTokenProvided):
        driver(token=token).login()


def test_wrong_password_is_refused(member):
    with pytest.raises(NoAccessTokenProvided):
        logged_in(member["username"], password="not-the-password")


def test_private_team_is_forbidden_to_non_members(admin, member_driver):
    secret = admin.teams.create_team(
        {"name": unique("secret"), "display_name": "Secret", "type": "I"}
    )
    with pytest.raises(NotEnoughPermissions):
        member_driver.teams.get_team(secret["id"])


def test_invalid_team_is_rejected(member_driver):
    with pytest.raises(InvalidOrMissingParameters):
        member_driver.teams.create_team({"name": "", "display_name": "", "type": "O"})


def test_unknown_user_is_not_found(admin):
    with pytest.raises(ResourceNotFound):
        admin.users.get_user(uuid.uuid4().hex[:26])
