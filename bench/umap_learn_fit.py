"""Times umap-learn (Debian's umap-learn 0.5.3 with numba) on float32 rows read from a raw file,
with BERTopic's UMAP settings, for bench/umap-learn-ratio.mjs. Not a test.

    /usr/bin/python3 bench/umap_learn_fit.py IN.f32 N DIM OUT.f32 [--seed S] [--warmup M]

Prints one JSON line: wall and CPU seconds (all threads) of the timed fit, and the versions. A fit on
the first M rows runs first, untimed, so numba's JIT compilation is not counted (a warm fit, as
BERTopic's users see after the first).
"""
import argparse
import json
import os
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("n", type=int)
    p.add_argument("dim", type=int)
    p.add_argument("output")
    p.add_argument("--seed", type=int, default=None)  # umap-learn runs serially when seeded
    p.add_argument("--warmup", type=int, default=1000)
    a = p.parse_args()
    x = np.fromfile(a.input, dtype=np.float32).reshape(a.n, a.dim)

    import numba
    import umap

    def make():
        # BERTopic's default UMAP model (bertopic/_bertopic.py).
        return umap.UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                         low_memory=False, random_state=a.seed)

    make().fit_transform(x[: a.warmup])
    wall0, cpu0 = time.perf_counter(), time.process_time()
    y = make().fit_transform(x)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    np.ascontiguousarray(y, dtype=np.float32).tofile(a.output)
    print(json.dumps({"wall": wall, "cpu": cpu, "umap": umap.__version__ if hasattr(umap, "__version__") else "0.5.3",
                      "numba": numba.__version__, "numba_threads": numba.get_num_threads(),
                      "seeded": a.seed is not None, "pid_cpus": len(os.sched_getaffinity(0))}))


if __name__ == "__main__":
    main()
