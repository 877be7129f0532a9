//! The log's Merkle tree in memory (RFC 6962 §2.1). Every complete, aligned subtree's
//! hash is kept (about two hashes per entry), so the root of any past size and any
//! proof cost O(log n) hash lookups plus at most O(log n) hashes along the right edge.

use crate::error::LedgerError;
use crate::hash::{EMPTY_ROOT, Hash, leaf_hash, node_hash};

#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// `levels[l][i]` is the hash of the perfect subtree of 2^l leaves starting at i·2^l.
    levels: Vec<Vec<Hash>>,
}

/// The largest power of two strictly smaller than `n` (n >= 2): RFC 6962's split point k.
fn split(n: u64) -> u64 {
    1u64 << (63 - (n - 1).leading_zeros())
}

impl Tree {
    pub fn new() -> Tree {
        Tree {
            levels: vec![Vec::new()],
        }
    }

    /// A tree over leaf hashes given in log order.
    pub fn from_leaf_hashes<I: IntoIterator<Item = Hash>>(hashes: I) -> Tree {
        let mut t = Tree::new();
        for h in hashes {
            t.push(h);
        }
        t
    }

    pub fn len(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends an entry's data; returns its index.
    pub fn append(&mut self, data: &[u8]) -> u64 {
        self.push(leaf_hash(data))
    }

    /// Appends an already computed leaf hash; returns its index.
    pub fn push(&mut self, leaf: Hash) -> u64 {
        if self.levels.is_empty() {
            self.levels.push(Vec::new());
        }
        let index = self.levels[0].len() as u64;
        self.levels[0].push(leaf);
        let mut level = 0;
        let mut i = index;
        // While the new node is a right child, its parent is now complete.
        while i & 1 == 1 {
            let parent = node_hash(
                &self.levels[level][(i - 1) as usize],
                &self.levels[level][i as usize],
            );
            if self.levels.len() == level + 1 {
                self.levels.push(Vec::new());
            }
            self.levels[level + 1].push(parent);
            level += 1;
            i >>= 1;
        }
        index
    }

    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.levels
            .first()
            .and_then(|l| l.get(usize::try_from(index).ok()?))
            .copied()
    }

    /// MTH of the leaves [start, start + n); the range is a node of some RFC 6962 tree
    /// (n >= 1 and start + n <= len).
    fn subtree(&self, start: u64, n: u64) -> Hash {
        if n.is_power_of_two() && start.is_multiple_of(n) {
            let level = n.trailing_zeros() as usize;
            return self.levels[level][(start >> level) as usize];
        }
        let k = split(n);
        node_hash(&self.subtree(start, k), &self.subtree(start + k, n - k))
    }

    /// The root hash of the current tree.
    pub fn root(&self) -> Hash {
        self.root_at(self.len()).unwrap_or(EMPTY_ROOT)
    }

    /// The root hash the tree had when it held `size` entries.
    pub fn root_at(&self, size: u64) -> Result<Hash, LedgerError> {
        if size > self.len() {
            return Err(LedgerError::SizeOutOfRange(size, self.len()));
        }
        Ok(if size == 0 {
            EMPTY_ROOT
        } else {
            self.subtree(0, size)
        })
    }

    /// RFC 6962 §2.1.1 PATH(index, D[size]): the audit path of one entry.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, LedgerError> {
        if size > self.len() {
            return Err(LedgerError::SizeOutOfRange(size, self.len()));
        }
        if index >= size {
            return Err(LedgerError::IndexOutOfRange { index, size });
        }
        let mut out = Vec::with_capacity(64);
        self.path(index, 0, size, &mut out);
        Ok(out)
    }

    fn path(&self, m: u64, start: u64, n: u64, out: &mut Vec<Hash>) {
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < k {
            self.path(m, start, k, out);
            out.push(self.subtree(start + k, n - k));
        } else {
            self.path(m - k, start + k, n - k, out);
            out.push(self.subtree(start, k));
        }
    }

    /// RFC 6962 §2.1.2 PROOF(old, D[new]): proves the tree of `old` entries is a prefix
    /// of the tree of `new` entries. Empty when old is 0 or old == new.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, LedgerError> {
        if new > self.len() {
            return Err(LedgerError::SizeOutOfRange(new, self.len()));
        }
        if old > new {
            return Err(LedgerError::SizesOutOfOrder { old, new });
        }
        let mut out = Vec::with_capacity(64);
        if old > 0 && old < new {
            self.subproof(old, 0, new, true, &mut out);
        }
        Ok(out)
    }

    fn subproof(&self, m: u64, start: u64, n: u64, whole: bool, out: &mut Vec<Hash>) {
        if m == n {
            if !whole {
                out.push(self.subtree(start, n));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            self.subproof(m, start, k, whole, out);
            out.push(self.subtree(start + k, n - k));
        } else {
            self.subproof(m - k, start + k, n - k, false, out);
            out.push(self.subtree(start, k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// MTH straight from RFC 6962's recursive definition, for comparison.
    fn reference_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => EMPTY_ROOT,
            1 => leaves[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }

    #[test]
    fn every_past_root_matches_the_recursive_definition() {
        let mut t = Tree::new();
        let mut leaves = Vec::new();
        for i in 0..70u32 {
            leaves.push(leaf_hash(&i.to_be_bytes()));
            t.append(&i.to_be_bytes());
        }
        for size in 0..=70 {
            assert_eq!(
                t.root_at(size).expect("size"),
                reference_root(&leaves[..size as usize]),
                "size {size}"
            );
        }
        assert!(t.root_at(71).is_err());
        assert_eq!(split(2), 1);
        assert_eq!(split(5), 4);
        assert_eq!(split(8), 4);
    }
}
