"""The public API named in plantargets/__init__.py is what the package exports."""

import re

import plantargets


def test_every_name_in_all_exists():
    for name in plantargets.__all__:
        assert hasattr(plantargets, name), name


def test_the_docstring_names_the_public_api():
    documented = set(re.findall(r"^    (\w+)", plantargets.__doc__, re.M))
    assert documented == set(plantargets.__all__)
