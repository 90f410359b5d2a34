"""The public API named in plantargets/__init__.py is what the package exports."""

import re

import plantargets


def test_every_name_in_all_exists():
    for name in plantargets.__all__:
        assert hasattr(plantargets, name), name


def test_the_docstring_names_the_public_api():
    documented = set(re.findall(r"^    (\w+)", plantargets.__doc__, re.M))
    assert documented == set(plantargets.__all__)


def test_every_public_name_is_loaded_on_first_use_and_nothing_else_is_made_up():
    assert set(plantargets.__all__) == set(plantargets._PUBLIC) | set(plantargets._MODULES)
    try:
        plantargets.no_such_name
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_make_report_with_nothing_to_do_loads_neither_jupyter_nor_pandas():
    import subprocess
    import sys

    code = ("import sys, plantargets.report; "
            "print(sorted(m for m in ('pandas', 'matplotlib', 'nbformat', 'nbconvert', 'jupyter_cache') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"
