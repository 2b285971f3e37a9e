"""What the console screen shows and lets each member press, in this process."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.console.screen import Screen
from bot.core.cards import Attachment, Button, Card, Message, Visibility

INVITE = Attachment(
    "../../mock interview.ics", b"BEGIN:VCALENDAR", "text/calendar", "Calendar invite"
)
JOIN = Button("Join this round", "join")


def test_a_file_name_cannot_leave_the_files_folder(tmp_path: Path) -> None:
    printed: list[str] = []
    Screen(printed.append, files=tmp_path / "files").show([Message(Card("Pair", files=(INVITE,)))])
    assert (tmp_path / "files" / "001-mock_interview.ics").read_bytes() == b"BEGIN:VCALENDAR"


def test_a_file_that_cannot_be_saved_is_named_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "files").write_text("a file where the folder should be")
    printed: list[str] = []
    Screen(printed.append, files=tmp_path / "files").show([Message(Card("Pair", files=(INVITE,)))])
    assert "│ 📎 Calendar invite: ../../mock interview.ics (could not be saved:" in "\n".join(
        printed
    )


def test_a_direct_message_to_another_member_is_pressable_by_them_only() -> None:
    screen = Screen(lambda _: None)
    dm = Message(Card("Partner", buttons=(JOIN,)), Visibility.DIRECT, to_member="bob")
    screen.show([dm])
    assert screen.numbered.get("alice", []) == []
    assert screen.numbered["bob"] == [JOIN]
