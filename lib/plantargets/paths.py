"""Where the project's files are, derived once from this file's place in the tree."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
TARGETS_CSV = DATA_DIR / "targets.csv"
PLANS_CSV = DATA_DIR / "plans.csv"
CONTEXT_CSV = DATA_DIR / "context.csv"
OUTCOMES_CSV = DATA_DIR / "outcomes.csv"
RAW_ARTICLE = DATA_DIR / "raw" / "000_7cd9e46865a7d4d1.txt"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BUILD_DIR = PROJECT_ROOT / "build"


def shown(path: Path) -> str:
    """A path as a reader should see it: relative to the project when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
