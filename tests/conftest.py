import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# Annotated example files and fixture projects are linted, never collected:
# real-looking test files among them (test_*.py) are data here.
collect_ignore = ["cases", "fixes", "inference_project", "contract_project", "index_project", "site_packages"]
