//! Proof generation and verification at a log of 10 million entries (set
//! ONESTOP_LEDGER_BENCH_SIZE for another size), and in-memory appends.
//! Run: cargo bench -p onestop-ledger --bench log
//! Durable appends to a database are measured by `onestop ledger bench` (BENCHMARKS.md).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use onestop_ledger::{
    Tree, TreeHead, generate_signing_key, leaf_hash, verify_consistency, verify_inclusion,
};
use std::hint::black_box;

fn size() -> u64 {
    std::env::var("ONESTOP_LEDGER_BENCH_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000)
}

/// A cheap deterministic sequence of indices spread over the whole log.
fn indices(n: u64) -> impl FnMut() -> u64 {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    }
}

fn bench(c: &mut Criterion) {
    let n = size();
    let started = std::time::Instant::now();
    let mut tree = Tree::new();
    for i in 0..n {
        tree.push(leaf_hash(&i.to_be_bytes()));
    }
    eprintln!("built a tree of {n} entries in {:.1?}", started.elapsed());
    let root = tree.root();
    let label = if n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else {
        n.to_string()
    };

    let mut next = indices(n);
    c.bench_function(
        &format!("inclusion proof generation ({label} entries)"),
        |b| b.iter(|| black_box(tree.inclusion_proof(next(), n).expect("proof"))),
    );

    let mut next = indices(n);
    let samples: Vec<(u64, [u8; 32], Vec<[u8; 32]>)> = (0..1024)
        .map(|_| {
            let i = next();
            (
                i,
                leaf_hash(&i.to_be_bytes()),
                tree.inclusion_proof(i, n).expect("proof"),
            )
        })
        .collect();
    let mut k = 0usize;
    c.bench_function(
        &format!("inclusion proof verification ({label} entries)"),
        |b| {
            b.iter(|| {
                let (i, leaf, proof) = &samples[k % samples.len()];
                k += 1;
                verify_inclusion(*i, n, leaf, proof, &root).expect("valid")
            })
        },
    );

    let mut next = indices(n);
    c.bench_function(
        &format!("consistency proof generation ({label} entries)"),
        |b| {
            b.iter(|| {
                black_box(
                    tree.consistency_proof(1 + next() % (n - 1), n)
                        .expect("proof"),
                )
            })
        },
    );
    let old = n / 3 + 7;
    let (r1, proof) = (
        tree.root_at(old).expect("root"),
        tree.consistency_proof(old, n).expect("proof"),
    );
    c.bench_function(
        &format!("consistency proof verification ({label} entries)"),
        |b| b.iter(|| verify_consistency(old, n, &r1, &root, &proof).expect("valid")),
    );

    c.bench_function("in-memory append (leaf hash and tree update)", |b| {
        b.iter_batched(
            || 0u64,
            |i| black_box(tree.append(&i.to_be_bytes())),
            BatchSize::SmallInput,
        )
    });

    let key = generate_signing_key();
    let head = TreeHead {
        tree_size: n,
        root_hash: root,
        timestamp: 1,
    };
    c.bench_function("sign a tree head (Ed25519)", |b| {
        b.iter(|| black_box(head.sign(&key)))
    });
    let sth = head.sign(&key);
    let vk = key.verifying_key();
    c.bench_function("verify a signed tree head", |b| {
        b.iter(|| sth.verify(&vk).expect("valid"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
