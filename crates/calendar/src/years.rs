//! A set of calendar years, as a bitset over the years the calendar covers: the
//! evaluator carries one per definition to know which answers went through a
//! provisional year, so it must be a copyable word, not an allocation.

use std::fmt;

/// First year the calendar answers for (the Regulations' 2008 list of holidays).
pub const FIRST_YEAR: i32 = 2008;
/// Last year the calendar answers for.
pub const LAST_YEAR: i32 = 2099;

/// Years between [`FIRST_YEAR`] and [`LAST_YEAR`]; others are ignored on insert.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct YearSet(u128);

const _: () = assert!(
    (LAST_YEAR - FIRST_YEAR) < 128,
    "a YearSet holds at most 128 years"
);

impl YearSet {
    pub const EMPTY: YearSet = YearSet(0);

    pub fn single(year: i32) -> YearSet {
        let mut s = YearSet::EMPTY;
        s.insert(year);
        s
    }

    pub fn insert(&mut self, year: i32) {
        if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
            self.0 |= 1u128 << (year - FIRST_YEAR);
        }
    }

    pub fn contains(&self, year: i32) -> bool {
        (FIRST_YEAR..=LAST_YEAR).contains(&year) && self.0 & (1u128 << (year - FIRST_YEAR)) != 0
    }

    pub fn union(self, other: YearSet) -> YearSet {
        YearSet(self.0 | other.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The years, ascending.
    pub fn iter(&self) -> impl Iterator<Item = i32> + '_ {
        (FIRST_YEAR..=LAST_YEAR).filter(|y| self.contains(*y))
    }

    pub fn first(&self) -> Option<i32> {
        (self.0 != 0).then(|| FIRST_YEAR + self.0.trailing_zeros() as i32)
    }
}

impl std::ops::BitOrAssign for YearSet {
    fn bitor_assign(&mut self, rhs: YearSet) {
        self.0 |= rhs.0;
    }
}

/// `2027, 2028`
impl fmt::Display for YearSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for y in self.iter() {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            write!(f, "{y}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for YearSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YearSet[{self}]")
    }
}
