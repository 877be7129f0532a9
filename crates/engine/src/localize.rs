//! Numbers, money, rates and dates in the reader's language, formatted by ICU4X with
//! its compiled CLDR data (grouping, decimal separator, digits, month names): Korean
//! `5,000,000.00`, Russian `5 000 000,00`, Spanish `5.000.000,00`, Arabic `5,000,000.00` (CLDR's default digits for `ar`).
//! Only the unit words around a number (yuan, per cent, years) are ours.

use chrono::{Datelike, NaiveDate};
use fixed_decimal::Decimal as IcuDecimal;
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_decimal::DecimalFormatter;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_locale_core::Locale;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The formatters of one language, built once per process.
struct Formatters {
    grouped: DecimalFormatter,
    plain: DecimalFormatter,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
}

thread_local! {
    /// ICU4X's formatters share their data by `Rc`: one set per thread, built on first use.
    static ALL: HashMap<&'static str, Formatters> = build();
}

fn with<T>(lang: &str, f: impl FnOnce(&Formatters) -> T) -> Option<T> {
    ALL.with(|all| all.get(base(lang)).map(f))
}

fn build() -> HashMap<&'static str, Formatters> {
    let mut all = HashMap::new();
    for code in ["en", "zh", "ko", "ru", "es", "ar"] {
        let Ok(locale) = Locale::try_from_str(code) else {
            continue;
        };
        let grouped = DecimalFormatter::try_new((&locale).into(), Default::default());
        let plain = DecimalFormatter::try_new(
            (&locale).into(),
            DecimalFormatterOptions::from(GroupingStrategy::Never),
        );
        let date = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long());
        if let (Ok(grouped), Ok(plain), Ok(date)) = (grouped, plain, date) {
            all.insert(
                code,
                Formatters {
                    grouped,
                    plain,
                    date,
                },
            );
        }
    }
    all
}

/// `zh-CN` -> `zh`.
fn base(lang: &str) -> &str {
    lang.split('-').next().unwrap_or(lang)
}

fn icu(d: Decimal) -> IcuDecimal {
    // rust_decimal writes its scale ("5000000.00"), which ICU keeps as shown digits.
    IcuDecimal::try_from_str(&d.to_string()).unwrap_or_default()
}

/// A number with the language's grouping and decimal separator, as many decimals as it has.
pub fn number(d: Decimal, lang: &str) -> String {
    with(lang, |f| f.grouped.format(&icu(d)).to_string()).unwrap_or_else(|| d.to_string())
}

/// A whole number without grouping (years, counts, scores): `2026`, `٢٠٢٦`.
pub fn integer(i: i64, lang: &str) -> String {
    with(lang, |f| f.plain.format(&IcuDecimal::from(i)).to_string())
        .unwrap_or_else(|| i.to_string())
}

/// An amount of yuan, to the fen: `5.000.000,00 yuanes`.
pub fn money(d: Decimal, lang: &str) -> String {
    let mut d = d.round_dp(2);
    d.rescale(2);
    let n = number(d, lang);
    match base(lang) {
        "zh" => format!("{n} 元"),
        "ko" => format!("{n}위안"),
        "ru" => format!("{n} юаней"),
        "es" => format!("{n} yuanes"),
        "ar" => format!("{n} يوان"),
        _ => format!("{n} yuan"),
    }
}

/// A rate stored as a fraction (0.125) as a percentage: `12,5 %`, `12.5%`.
pub fn percent(fraction: Decimal, lang: &str) -> String {
    let n = number(
        (fraction * Decimal::ONE_HUNDRED).round_dp(4).normalize(),
        lang,
    );
    match base(lang) {
        "ru" | "es" => format!("{n}\u{a0}%"),
        _ => format!("{n}%"),
    }
}

/// A date in the language's long form: `15 de junio de 2026`, `2026년 6월 15일`.
pub fn date(d: NaiveDate, lang: &str) -> String {
    let day = Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8);
    day.ok()
        .and_then(|day| with(lang, |f| f.date.format(&day).to_string()))
        .unwrap_or_else(|| d.format("%Y-%m-%d").to_string())
}

/// A duration in years, months and days: `2 년 6 개월`, `1 año 6 meses`.
pub fn duration(months: i32, days: i32, lang: &str) -> String {
    let (y, m) = (months / 12, months % 12);
    // (one, several) for years, months, days; Korean, Russian (abbreviated) and
    // Arabic (counted noun after the number) use one form.
    let words: [(&str, &str); 3] = match base(lang) {
        "zh" => [("年", "年"), ("个月", "个月"), ("日", "日")],
        "ko" => [("년", "년"), ("개월", "개월"), ("일", "일")],
        "ru" => [("г.", "г."), ("мес.", "мес."), ("дн.", "дн.")],
        "es" => [("año", "años"), ("mes", "meses"), ("día", "días")],
        "ar" => [("سنة", "سنة"), ("شهر", "شهر"), ("يوم", "يوم")],
        _ => [("year", "years"), ("month", "months"), ("day", "days")],
    };
    let word =
        |n: i32, (one, many): (&str, &str)| if n.abs() == 1 { one } else { many }.to_string();
    let mut parts = Vec::new();
    for (n, w) in [(y, words[0]), (m, words[1])] {
        if n != 0 {
            parts.push(format!("{} {}", integer(n.into(), lang), word(n, w)));
        }
    }
    if days != 0 || parts.is_empty() {
        parts.push(format!(
            "{} {}",
            integer(days.into(), lang),
            word(days, words[2])
        ));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn money_follows_each_locale() {
        let d = dec("5000000");
        assert_eq!(money(d, "ko"), "5,000,000.00위안");
        assert_eq!(money(d, "ru"), "5\u{a0}000\u{a0}000,00 юаней");
        assert_eq!(money(d, "es"), "5.000.000,00 yuanes");
        // CLDR 42 on gives Arabic Latin digits by default (ar-EG etc. keep Arabic-Indic ones).
        assert_eq!(money(d, "ar"), "5,000,000.00 يوان");
        assert_eq!(money(dec("1234.5"), "en"), "1,234.50 yuan");
    }

    #[test]
    fn rates_dates_integers_and_durations() {
        assert_eq!(percent(dec("0.125"), "es"), "12,5\u{a0}%");
        assert_eq!(percent(dec("0.25"), "ko"), "25%");
        assert_eq!(percent(dec("0.125"), "ar"), "12.5%");
        let d = NaiveDate::from_ymd_opt(2026, 6, 15).expect("date");
        assert_eq!(date(d, "es"), "15 de junio de 2026");
        assert_eq!(date(d, "ko"), "2026년 6월 15일");
        assert!(
            date(d, "ru").starts_with("15 июня 2026"),
            "{}",
            date(d, "ru")
        );
        assert!(date(d, "ar").contains("يونيو"), "{}", date(d, "ar"));
        assert_eq!(integer(2026, "ko"), "2026");
        assert_eq!(integer(2026, "ar"), "2026");
        assert_eq!(duration(18, 0, "ko"), "1 년 6 개월");
        assert_eq!(duration(0, 0, "es"), "0 días");
        assert_eq!(duration(12, 1, "es"), "1 año 1 día");
        assert_eq!(duration(30, 0, "es"), "2 años 6 meses");
    }
}
