//! A server-rendered SVG bar chart: one group of bars per member (district, park,
//! industry, area), one bar per period, each with its exact figure written beside it.
//! Geometry is computed with decimals (no floats anywhere near a figure); the chart
//! mirrors for right-to-left pages. No script, no style element: the CSP allows it.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// Bar colours by period, in legend order (cycled).
const COLOURS: [&str; 6] = [
    "#1b5e9a", "#d9822b", "#2e8540", "#8e3b9a", "#b33a3a", "#5b6770",
];

const WIDTH: i64 = 720;
const LABEL: i64 = 210;
const VALUE_ROOM: i64 = 120;
const PAD: i64 = 8;
const BAR: i64 = 14;
const GROUP_GAP: i64 = 10;
const LEGEND: i64 = 28;

/// What one chart shows.
pub struct Chart<'a> {
    /// Unique on the page (ids of the title and description).
    pub id: &'a str,
    pub title: &'a str,
    /// Said in the description (e.g. "enterprises").
    pub unit: &'a str,
    pub periods: &'a [String],
    /// Per member: its label and its figure in each period (None: no figure).
    pub rows: &'a [(String, Vec<Option<Decimal>>)],
    pub rtl: bool,
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// How much of a member's name fits beside the bars, in half-width units (a Chinese,
/// Korean or Japanese character takes two); the table beside has the whole name.
const LABEL_UNITS: usize = 34;

/// `label`, shortened with an ellipsis when it is wider than `units`.
fn fit(label: &str, units: usize) -> String {
    let width = |c: char| if c as u32 >= 0x1100 { 2 } else { 1 };
    if label.chars().map(width).sum::<usize>() <= units {
        return label.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in label.chars() {
        if used + width(c) > units - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// The chart as an `<svg>` element, or None when there is no figure.
pub fn bars(c: &Chart) -> Option<String> {
    let values: Vec<Decimal> = c
        .rows
        .iter()
        .flat_map(|(_, v)| v.iter().flatten().copied())
        .collect();
    let lo = values.iter().copied().min()?.min(Decimal::ZERO);
    let hi = values.iter().copied().max()?.max(Decimal::ZERO);
    let span = if hi == lo { Decimal::ONE } else { hi - lo };
    let plot = WIDTH - LABEL - VALUE_ROOM - 2 * PAD;
    let px = |v: Decimal| -> i64 {
        ((v - lo) * Decimal::from(plot) / span)
            .round()
            .to_i64()
            .unwrap_or(0)
            .clamp(0, plot)
    };
    let zero = px(Decimal::ZERO);
    let per_group = BAR * c.periods.len().max(1) as i64 + GROUP_GAP;
    let height = LEGEND + per_group * c.rows.len() as i64 + PAD;
    // Left-to-right x; mirrored for right-to-left pages.
    let x = |x: i64, w: i64| if c.rtl { WIDTH - x - w } else { x };
    let anchor = |a: &'static str| match (c.rtl, a) {
        (true, "start") => "end",
        (true, "end") => "start",
        (_, a) => a,
    };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="stat-chart" direction="ltr" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{id}-t {id}-d" font-family="sans-serif" font-size="12"><title id="{id}-t">{title}</title><desc id="{id}-d">{unit}</desc>"#,
        id = esc(c.id),
        title = esc(c.title),
        unit = esc(c.unit),
    );
    // Legend: one swatch per period.
    let mut lx = LABEL + PAD;
    for (i, p) in c.periods.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = write!(
            s,
            r#"<rect x="{}" y="6" width="12" height="12" fill="{colour}"/><text x="{}" y="16" text-anchor="{}">{}</text>"#,
            x(lx, 12),
            x(lx + 16, 0),
            anchor("start"),
            esc(p)
        );
        lx += 16 + 8 * p.chars().count() as i64 + 16;
    }
    let origin = LABEL + PAD;
    for (g, (label, figures)) in c.rows.iter().enumerate() {
        let top = LEGEND + per_group * g as i64;
        let mid = top + (BAR * c.periods.len().max(1) as i64) / 2 + 4;
        let _ = write!(
            s,
            r#"<text x="{}" y="{mid}" text-anchor="{}">{}</text>"#,
            x(LABEL, 0),
            anchor("end"),
            esc(&fit(label, LABEL_UNITS))
        );
        for (i, v) in figures.iter().enumerate() {
            let Some(v) = v else { continue };
            let y = top + BAR * i as i64;
            let end = px(*v);
            let (from, w) = if end >= zero {
                (zero, end - zero)
            } else {
                (end, zero - end)
            };
            let colour = COLOURS[i % COLOURS.len()];
            let _ = write!(
                s,
                r#"<rect x="{}" y="{y}" width="{}" height="{}" fill="{colour}"><title>{}: {}</title></rect><text x="{}" y="{}" text-anchor="{}" class="figure">{}</text>"#,
                x(origin + from, w.max(1)),
                w.max(1),
                BAR - 2,
                esc(c.periods.get(i).map(String::as_str).unwrap_or("")),
                v,
                x(origin + from + w.max(1) + 4, 0),
                y + BAR - 3,
                anchor("start"),
                v
            );
        }
    }
    // The zero line.
    let _ = write!(
        s,
        r##"<line x1="{z}" x2="{z}" y1="{LEGEND}" y2="{}" stroke="#444" stroke-width="1"/></svg>"##,
        height - PAD,
        z = x(origin + zero, 0),
    );
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn every_figure_is_written_exactly_and_the_longest_bar_fills_the_plot() {
        let periods = vec!["2023".to_string(), "2024".to_string()];
        let rows = vec![
            (
                "Haidian".to_string(),
                vec![Some(d("10240.5")), Some(d("11000"))],
            ),
            ("Chaoyang <&>".to_string(), vec![None, Some(d("5500"))]),
        ];
        let svg = bars(&Chart {
            id: "c1",
            title: "High-tech enterprises",
            unit: "enterprises",
            periods: &periods,
            rows: &rows,
            rtl: false,
        })
        .expect("a chart");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        for figure in ["10240.5", "11000", "5500"] {
            assert!(svg.contains(&format!(">{figure}</text>")), "{figure}");
        }
        assert!(svg.contains("Chaoyang &lt;&amp;&gt;"));
        assert!(
            svg.contains(r#"direction="ltr""#),
            "the geometry is explicit; RTL is mirrored by hand"
        );
        assert_eq!(
            fit("Beijing Economic-Technological Development Area", 34)
                .chars()
                .count(),
            34
        );
        assert!(fit("Beijing Economic-Technological Development Area", 34).ends_with('…'));
        assert_eq!(fit("北京经济技术开发区", 34), "北京经济技术开发区");
        let plot = WIDTH - LABEL - VALUE_ROOM - 2 * PAD;
        assert!(
            svg.contains(&format!(r#"width="{plot}""#)),
            "11000 is the longest bar"
        );
        assert!(
            svg.contains(&format!(r#"width="{}""#, plot / 2)),
            "5500 is half of it"
        );
    }

    #[test]
    fn right_to_left_mirrors_and_no_figures_no_chart() {
        let periods = vec!["2024".to_string()];
        let rows = vec![("a".to_string(), vec![Some(d("1"))])];
        let chart = |rtl| {
            bars(&Chart {
                id: "c",
                title: "t",
                unit: "u",
                periods: &periods,
                rows: &rows,
                rtl,
            })
            .expect("chart")
        };
        assert!(chart(false).contains(&format!(r#"<rect x="{}""#, LABEL + PAD)));
        assert_ne!(chart(true), chart(false));
        let empty = vec![("a".to_string(), vec![None])];
        assert!(
            bars(&Chart {
                id: "c",
                title: "t",
                unit: "u",
                periods: &periods,
                rows: &empty,
                rtl: false
            })
            .is_none()
        );
    }
}
