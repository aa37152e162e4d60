"""Checks one hand-written batch file (gen/extra/<risk>.py or gen/batch3/<risk>.py): every template
fills with the slot vocabulary, no duplicates, and prints counts and lengths per list.
Usage: /usr/bin/python3 training/gen/check_batch.py training/gen/batch3/personnel.py"""
import importlib.util
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from slots import fill  # noqa: E402

path = Path(sys.argv[1])
spec = importlib.util.spec_from_file_location("batch", path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
rng = random.Random(1)
ok = True
seen: set[str] = set()
for name in ("SENSITIVE", "HELDOUT", "PUBLIC", "PUBLIC_CHECK"):
    tpls = getattr(mod, name, [])
    lens = []
    for i, t in enumerate(tpls):
        if not isinstance(t, str) or not t.strip():
            print(f"{name}[{i}]: not a non-empty string"); ok = False; continue
        if t in seen:
            print(f"{name}[{i}]: duplicate template"); ok = False
        seen.add(t)
        try:
            fills = [fill(t, rng, {}) for _ in range(3)]
        except Exception as e:  # noqa: BLE001
            print(f"{name}[{i}]: {type(e).__name__}: {e}"); ok = False; continue
        # Every fill, not just one: alternatives can lead to different slots.
        for s in fills:
            if any(c in s for c in "{}[]"):
                print(f"{name}[{i}]: unfilled slot or bracket left: {s[:80]}"); ok = False
                break
        lens.extend(len(s) for s in fills)
    if lens:
        print(f"{name}: {len(tpls)} templates, filled length min {min(lens)} median {statistics.median(lens):.0f} max {max(lens)}")
    else:
        print(f"{name}: 0 templates")
print("OK" if ok else "PROBLEMS FOUND")
sys.exit(0 if ok else 1)
