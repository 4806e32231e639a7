from demo.network import DEMO_PASSWORD


def test_demo_password_is_long_enough_for_the_policy() -> None:
    assert len(DEMO_PASSWORD) >= 12
