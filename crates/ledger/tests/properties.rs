//! For random log sizes: every inclusion and consistency proof the tree generates
//! verifies, and altering the entry, any proof hash, the index, a size or a root makes
//! verification fail. Signed tree heads and receipts: any change breaks the signature
//! or the proof.

use onestop_ledger::{
    Receipt, SignedTreeHead, Tree, TreeHead, generate_signing_key, leaf_hash, verify_consistency,
    verify_inclusion,
};
use proptest::prelude::*;
use serde_json::json;

fn build(n: u64) -> Tree {
    let mut t = Tree::new();
    for i in 0..n {
        t.append(format!("entry {i}").as_bytes());
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn inclusion_proofs_verify_and_any_change_fails(
        size in 1u64..300, pick in any::<u64>(), bit in 0usize..256, which in any::<usize>()
    ) {
        let t = build(size);
        let index = pick % size;
        let root = t.root_at(size).expect("root");
        let leaf = leaf_hash(format!("entry {index}").as_bytes());
        let proof = t.inclusion_proof(index, size).expect("proof");
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &root).is_ok());
        // Another entry's data at this position.
        let other = leaf_hash(format!("entry {index}!").as_bytes());
        prop_assert!(verify_inclusion(index, size, &other, &proof, &root).is_err());
        // One flipped bit anywhere in the proof.
        if !proof.is_empty() {
            let mut bad = proof.clone();
            let k = which % bad.len();
            bad[k][bit / 8] ^= 1 << (bit % 8);
            prop_assert!(verify_inclusion(index, size, &leaf, &bad, &root).is_err());
            // A hash missing or one too many.
            prop_assert!(verify_inclusion(index, size, &leaf, &proof[1..], &root).is_err());
        }
        let mut longer = proof.clone();
        longer.push(root);
        prop_assert!(verify_inclusion(index, size, &leaf, &longer, &root).is_err());
        // The wrong root, or a root of another size.
        let mut wrong_root = root;
        wrong_root[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &wrong_root).is_err());
        // Claimed at another index: fails unless that index holds the same data.
        if size > 1 {
            let other_index = (index + 1 + pick % (size - 1)) % size;
            prop_assert!(verify_inclusion(other_index, size, &leaf, &proof, &root).is_err());
        }
        // A tree twice the size puts every entry one level deeper: the path is too short.
        prop_assert!(verify_inclusion(index, size * 2, &leaf, &proof, &root).is_err());
    }

    #[test]
    fn consistency_proofs_verify_and_any_change_fails(
        new in 1u64..300, pick in any::<u64>(), bit in 0usize..256, which in any::<usize>()
    ) {
        let t = build(new);
        let old = 1 + pick % new;
        let (r1, r2) = (t.root_at(old).expect("r1"), t.root_at(new).expect("r2"));
        let proof = t.consistency_proof(old, new).expect("proof");
        prop_assert!(verify_consistency(old, new, &r1, &r2, &proof).is_ok());
        if old < new {
            prop_assert!(!proof.is_empty());
            let mut bad = proof.clone();
            let k = which % bad.len();
            bad[k][bit / 8] ^= 1 << (bit % 8);
            prop_assert!(verify_consistency(old, new, &r1, &r2, &bad).is_err());
            prop_assert!(verify_consistency(old, new, &r1, &r2, &proof[..proof.len() - 1]).is_err());
            prop_assert!(verify_consistency(old, new, &r2, &r1, &proof).is_err());
            // A log that rewrote one of the first `old` entries is not consistent with r1.
            let mut forked = Tree::new();
            let changed = pick % old;
            for i in 0..new {
                let data = if i == changed { format!("entry {i} rewritten") } else { format!("entry {i}") };
                forked.append(data.as_bytes());
            }
            let fr2 = forked.root_at(new).expect("forked root");
            let fproof = forked.consistency_proof(old, new).expect("forked proof");
            prop_assert!(verify_consistency(old, new, &r1, &fr2, &fproof).is_err());
        }
    }

    #[test]
    fn signed_heads_and_receipts_break_when_changed(size in 1u64..64, pick in any::<u64>(), ts in any::<u64>()) {
        let key = generate_signing_key();
        let mut t = Tree::new();
        let entries: Vec<_> = (0..size).map(|i| json!({"type": "test", "n": i})).collect();
        for e in &entries {
            t.append(onestop_ledger::canonical_json(e).as_bytes());
        }
        let head = TreeHead { tree_size: size, root_hash: t.root(), timestamp: ts };
        let sth = head.sign(&key);
        prop_assert_eq!(sth.verify(&key.verifying_key()).expect("valid"), head);
        let other_key = generate_signing_key();
        prop_assert!(sth.verify(&other_key.verifying_key()).is_err());
        let tampered = SignedTreeHead { tree_size: size + 1, ..sth.clone() };
        prop_assert!(tampered.verify(&key.verifying_key()).is_err());
        let tampered = SignedTreeHead { timestamp: ts.wrapping_add(1), ..sth.clone() };
        prop_assert!(tampered.verify(&key.verifying_key()).is_err());

        let index = pick % size;
        let proof = t.inclusion_proof(index, size).expect("proof");
        let receipt = Receipt::new(entries[index as usize].clone(), index, &proof, sth.clone());
        prop_assert!(receipt.verify(&key.verifying_key()).is_ok());
        // Same document re-serialised with other key order and spacing: still valid.
        let text = serde_json::to_string_pretty(&receipt).expect("json");
        let back: Receipt = serde_json::from_str(&text).expect("parse");
        prop_assert!(back.verify(&key.verifying_key()).is_ok());
        // Any change to the document fails.
        let mut edited = receipt.clone();
        edited.entry["n"] = json!(index + 1000);
        prop_assert!(edited.verify(&key.verifying_key()).is_err());
        let mut edited = receipt.clone();
        edited.entry["extra"] = json!(true);
        prop_assert!(edited.verify(&key.verifying_key()).is_err());
    }
}

#[test]
fn proofs_refer_only_to_sizes_the_log_has_reached() {
    let t = build(10);
    assert!(t.inclusion_proof(10, 10).is_err());
    assert!(t.inclusion_proof(0, 11).is_err());
    assert!(t.consistency_proof(5, 11).is_err());
    assert!(t.consistency_proof(6, 5).is_err());
    assert_eq!(
        t.consistency_proof(5, 5).expect("same"),
        Vec::<[u8; 32]>::new()
    );
}
