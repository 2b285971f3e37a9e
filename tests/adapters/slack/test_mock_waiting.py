"""What a Slack member is told when only a past partner waits: exactly when they will be paired."""

from __future__ import annotations

from tests.adapters.slack.conftest import ALICE, Workspace, texts

CAROL = 'set role:MLE level:mle2 timezone:Europe/Paris availability:"mon-fri 18:00-21:00"'


async def test_asking_again_after_cancelling_says_when_the_past_partner_will_be_paired(
    slack: Workspace,
) -> None:
    steps = [
        (ALICE, "U1", "/profile"),
        ("request round:onsite_coding", "U1", "/mock"),
        (CAROL, "U3", "/profile"),
        ("request round:onsite_coding", "U3", "/mock"),
        ("cancel", "U3", "/mock"),
        ("request round:onsite_coding", "U3", "/mock"),
    ]
    for count, (text, user, command) in enumerate(steps, start=1):
        await slack.command(text, user=user, command=command)
        await slack.fake.wait_responses(count)
    told = texts(slack.fake.responses[-1])
    assert "You are in the mock queue." in told
    assert (
        "If nobody new asks (and no mock round opens) by Wed 2 Dec, 10:00 (Europe/Paris), "
        "I'll pair you with someone you were paired with before."
    ) in told
