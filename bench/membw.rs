//! Memory bandwidth of this machine, for the batch evaluator's bandwidth bound
//! (BENCHMARKS.md, "Population simulation"). No dependencies:
//!
//!     rustc -O -C target-cpu=native -o /tmp/membw bench/membw.rs && /tmp/membw
//!
//! Reads a 1 GiB buffer (sum of u64, on 1 thread and on every core) and copies
//! it (memcpy); prints the best of 5 runs of each in GB/s (10^9 bytes/s).

use std::hint::black_box;
use std::time::Instant;

const BYTES: usize = 1 << 30;

fn best<F: FnMut()>(mut f: F) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn sum(s: &[u64]) -> u64 {
    // Four accumulators so the adds do not serialise.
    let mut acc = [0u64; 4];
    for c in s.chunks_exact(4) {
        for k in 0..4 {
            acc[k] = acc[k].wrapping_add(c[k]);
        }
    }
    acc.iter().fold(0, |a, b| a.wrapping_add(*b))
}

fn main() {
    let n = BYTES / 8;
    let src: Vec<u64> = (0..n as u64).collect();
    let mut dst: Vec<u64> = vec![1; n];
    let threads = std::thread::available_parallelism().map(|t| t.get()).unwrap_or(1);
    let gb = BYTES as f64 / 1e9;

    let t1 = best(|| {
        black_box(sum(black_box(&src)));
    });
    let tn = best(|| {
        std::thread::scope(|s| {
            for part in src.chunks(n.div_ceil(threads)) {
                s.spawn(move || black_box(sum(black_box(part))));
            }
        });
    });
    let tc = best(|| {
        dst.copy_from_slice(black_box(&src));
        black_box(&dst);
    });
    println!("read, 1 thread:        {:6.2} GB/s", gb / t1);
    println!("read, {threads} threads:       {:6.2} GB/s", gb / tn);
    println!("copy (read + write):   {:6.2} GB/s of bytes copied", gb / tc);
}
