//! The days off that the law itself fixes, for a year whose State Council notice is
//! not (yet) loaded: the holidays for all citizens of the Regulations on National
//! Annual Festival and Memorial Day Holidays (全国年节及纪念日放假办法) in the version
//! in force that year, with lunar dates and the Qingming solar term computed by the
//! `tyme4rs` crate, plus the day in lieu (补假) the Regulations give on a working day
//! when such a holiday falls on a Saturday or Sunday. What the notice adds on top
//! (bridging days off and make-up working days, 调休) cannot be known before it is
//! published, which is why every answer through such a year is marked provisional.

use chrono::{Datelike, NaiveDate, Weekday};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// One version of the Regulations' list of holidays for all citizens.
#[derive(Debug)]
pub struct StatutoryRule {
    /// First calendar year the version governs.
    pub from_year: i32,
    /// The instrument, in English, e.g. "State Council Decree No. 795".
    pub instrument_en: &'static str,
    /// The instrument, in Chinese, e.g. "国务院令第795号".
    pub instrument_zh: &'static str,
    /// The State Council decree that made this version (513, 644, 795).
    pub decree: u32,
    /// Spring Festival days, as offsets from the first day of the first lunar month
    /// (-1 is New Year's Eve, the last day of the twelfth month).
    spring_festival: &'static [i64],
    /// Labour Day: this many days from 1 May.
    labour_days: u32,
}

/// Oldest first. Decree 513 (2007-12-14, in force 2008-01-01) added Qingming, Dragon
/// Boat and Mid-Autumn; Decree 644 (2013-12-11, in force 2014-01-01) moved the
/// Spring Festival from the eve to the first three days; Decree 795 (2024-11-10, in
/// force 2025-01-01) gave the eve back and a second Labour Day.
pub static RULES: [StatutoryRule; 3] = [
    StatutoryRule {
        from_year: 2008,
        instrument_en: "Regulations on National Annual Festival and Memorial Day Holidays as revised by State Council Decree No. 513",
        instrument_zh: "《全国年节及纪念日放假办法》（国务院令第513号修订）",
        decree: 513,
        spring_festival: &[-1, 0, 1],
        labour_days: 1,
    },
    StatutoryRule {
        from_year: 2014,
        instrument_en: "Regulations on National Annual Festival and Memorial Day Holidays as revised by State Council Decree No. 644",
        instrument_zh: "《全国年节及纪念日放假办法》（国务院令第644号修订）",
        decree: 644,
        spring_festival: &[0, 1, 2],
        labour_days: 1,
    },
    StatutoryRule {
        from_year: 2025,
        instrument_en: "Regulations on National Annual Festival and Memorial Day Holidays as revised by State Council Decree No. 795",
        instrument_zh: "《全国年节及纪念日放假办法》（国务院令第795号修订）",
        decree: 795,
        spring_festival: &[-1, 0, 1, 2],
        labour_days: 2,
    },
];

/// The version governing `year` (the oldest one for years before it).
pub fn rule_for(year: i32) -> &'static StatutoryRule {
    RULES
        .iter()
        .rev()
        .find(|r| r.from_year <= year)
        .unwrap_or(&RULES[0])
}

fn naive(d: &SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_year()).ok()?,
        u32::try_from(d.get_month()).ok()?,
        u32::try_from(d.get_day()).ok()?,
    )
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    let d = LunarDay::new(year as isize, month, day).ok()?;
    naive(&d.get_solar_day())
}

fn qingming(year: i32) -> Option<NaiveDate> {
    let term = SolarTerm::new(year as isize, "清明").ok()?;
    naive(&term.get_solar_day())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A statutory day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatutoryDay {
    pub date: NaiveDate,
    /// The holiday, in English as the shipped notices name it ("Spring Festival").
    pub name: &'static str,
    /// A working day given in lieu of a holiday day that fell on a weekend (补假).
    pub in_lieu: bool,
}

/// The statutory days off of `year`, ascending: every holiday day (weekend ones
/// included) and each day in lieu. `None` if a lunar date cannot be computed.
pub fn days_off(year: i32) -> Option<Vec<StatutoryDay>> {
    let rule = rule_for(year);
    let mut days: Vec<(NaiveDate, &'static str)> = Vec::new();
    days.push((ymd(year, 1, 1)?, "New Year's Day"));
    let new_year = lunar(year, 1, 1)?;
    for &offset in rule.spring_festival {
        let d = new_year.checked_add_signed(chrono::Duration::days(offset))?;
        days.push((d, "Spring Festival"));
    }
    days.push((qingming(year)?, "Tomb-sweeping Day"));
    for k in 0..rule.labour_days {
        days.push((ymd(year, 5, 1 + k)?, "Labour Day"));
    }
    days.push((lunar(year, 5, 5)?, "Dragon Boat Festival"));
    days.push((lunar(year, 8, 15)?, "Mid-autumn Festival"));
    for k in 0..3 {
        days.push((ymd(year, 10, 1 + k)?, "National Day"));
    }
    // Mid-Autumn can coincide with National Day (2020-10-01, 2025-10-06 is near):
    // one day off counts once, and its weekend still earns one day in lieu.
    days.sort_by_key(|(d, _)| *d);
    days.dedup_by_key(|(d, _)| *d);
    let mut out: Vec<StatutoryDay> = days
        .iter()
        .map(|&(date, name)| StatutoryDay {
            date,
            name,
            in_lieu: false,
        })
        .collect();
    for (d, name) in days {
        if !is_weekend(d) {
            continue;
        }
        let mut lieu = d.succ_opt()?;
        while is_weekend(lieu) || out.iter().any(|x| x.date == lieu) {
            lieu = lieu.succ_opt()?;
        }
        out.push(StatutoryDay {
            date: lieu,
            name,
            in_lieu: true,
        });
    }
    out.sort_by_key(|x| x.date);
    Some(out)
}
