"""The I/O floor of a population evaluation: Parquet decoding and encoding alone.

    python io_floor.py POPULATION.parquet ONESTOP_OUTPUT.parquet

Times, with pyarrow's C++ Parquet code on one thread (best of 3), reading the
input columns the OpenFisca mirror uses from the population file and writing the
table of onestop's output file back out, uncompressed and with zstd level 1
(statistics off, as onestop writes its text and money columns). Any engine that
reads this population and writes these outputs to Parquet pays at least this,
whatever its rules cost: BENCHMARKS.md compares it with the throughput target.
Run from this directory with the benchmark's virtualenv (see run.sh).
"""

import os
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_onestop import OnestopTaxBenefitSystem
from run_openfisca import input_names


def best_of(n, f):
    """The shortest of n runs of f, and f's last result."""
    best, result = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t)
    return best, result


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    population, output = sys.argv[1], sys.argv[2]
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    names = ["id"] + input_names(OnestopTaxBenefitSystem())
    read, table = best_of(3, lambda: pq.read_table(population, columns=names, use_threads=False))
    print(f"read {len(names) - 1} input columns of {table.num_rows} rows: {read:.3f} s ({table.nbytes >> 20} MB decoded)")
    out = pq.read_table(output)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "w.parquet")
        for compression, level in (("none", None), ("zstd", 1)):
            t, _ = best_of(3, lambda: pq.write_table(out, path, compression=compression, compression_level=level, write_statistics=False))
            print(f"write {out.num_columns} output columns of {out.num_rows} rows, {compression}: {t:.3f} s ({os.path.getsize(path) >> 20} MB)")


if __name__ == "__main__":
    main()
