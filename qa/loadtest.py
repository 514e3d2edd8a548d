"""``python -m qa.loadtest``: the load test, ``qa.bench.loadtest`` (kept with the other
benchmarks); e.g. ``python -m qa.loadtest --abuse --compare``."""
import sys

from qa.bench.loadtest import main

if __name__ == "__main__":
    sys.exit(main())
