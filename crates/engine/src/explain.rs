//! Renders an evaluation and its trace as readable text in the six languages.
//!
//! English and Chinese phrases are written here beside each other; the other four
//! languages' phrases are in `phrases` (keyed by the English one). Rule names, rule
//! text and citations are wrapped in markers while rendering, so the portal can show
//! them as code and citations ([`render_explanation_html`]) and the CLI as plain text.

use crate::eval::{Branch, DefTrace, Evaluation, MeasureResult, Status, Val};
use onestop_lang::{Confidence, DefId, Doubt, DoubtKind, DoubtRef, InputId, OutputRef, Program};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
    Ko,
    Ru,
    Es,
    Ar,
}

impl Lang {
    /// Every language, in the order the portal lists them.
    pub const ALL: [Lang; 6] = [Lang::Zh, Lang::En, Lang::Ko, Lang::Ru, Lang::Es, Lang::Ar];

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" => Some(Lang::Zh),
            "ko" => Some(Lang::Ko),
            "ru" => Some(Lang::Ru),
            "es" => Some(Lang::Es),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }

    /// The language code of the rules' texts (`zh`, not `zh-CN`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Ko => "ko",
            Lang::Ru => "ru",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    /// A connecting phrase: English and Chinese given here, the others from `phrases`
    /// (English where a phrase has no translation yet; a test forbids that).
    fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
            other => crate::phrases::phrase(other.code(), en).unwrap_or(en),
        }
    }
}

/// Markers around rule names and rule text (code) and around citations, while rendering.
const CODE: (char, char) = ('\u{E000}', '\u{E001}');
const CITE: (char, char) = ('\u{E002}', '\u{E003}');

fn code(s: &str) -> String {
    format!("{}{s}{}", CODE.0, CODE.1)
}

fn cite(s: &str) -> String {
    format!("{}{s}{}", CITE.0, CITE.1)
}

/// The rendered text without markers.
fn plain(marked: &str) -> String {
    marked
        .chars()
        .filter(|c| ![CODE.0, CODE.1, CITE.0, CITE.1].contains(c))
        .collect()
}

/// The rendered text as HTML: escaped, rule names and rule text in `<code>`,
/// citations in `<cite>`, both isolated (`dir="ltr"`) so they read right inside
/// right-to-left text. Each citation's text goes through `cite_html`, which returns it
/// as escaped HTML (the portal links it to its section of the source).
fn html(marked: &str, cite_html: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(marked.len() + marked.len() / 4);
    let mut rest = marked;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if c == CODE.0 => out.push_str("<code dir=\"ltr\">"),
            c if c == CODE.1 => out.push_str("</code>"),
            c if c == CITE.0 => {
                let end = rest.find(CITE.1).unwrap_or(rest.len());
                out.push_str("<cite dir=\"ltr\">");
                out.push_str(&cite_html(&plain(&rest[..end])));
                out.push_str("</cite>");
                rest = rest[end..].strip_prefix(CITE.1).unwrap_or(&rest[end..]);
            }
            c if c == CITE.1 => {}
            c => out.push(c),
        }
    }
    out
}

/// A citation's validity in the reader's language.
pub fn validity(c: &onestop_lang::ast::Citation, lang: Lang) -> String {
    if lang == Lang::En {
        return c.validity();
    }
    let d = |d: chrono::NaiveDate| show_date(d, lang);
    match (c.from, c.to) {
        (Some(f), Some(t)) => format!(
            "{} {} {} {}",
            lang.t("valid", "有效期"),
            d(f),
            lang.t("to", "至"),
            d(t)
        ),
        (Some(f), None) => format!("{} {}", lang.t("valid from", "有效期自"), d(f)),
        (None, Some(t)) => format!("{} {}", lang.t("valid until", "有效期至"), d(t)),
        (None, None) => lang.t("validity not stated", "未载明有效期").to_string(),
    }
}

/// A date in the reader's language: ISO in English and Chinese (as rule files write
/// it), the locale's long form in the others.
pub fn show_date(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En | Lang::Zh => d.to_string(),
        other => crate::localize::date(d, other.code()),
    }
}

/// Why an answer through these years is provisional, and what would settle it.
pub fn provisional_reason(years: onestop_calendar::YearSet, lang: Lang) -> String {
    let first = years.first().unwrap_or(onestop_calendar::FIRST_YEAR);
    let rule = onestop_calendar::statutory::rule_for(first);
    match lang {
        Lang::Zh => format!(
            "计算经过{years}年的工作日，而该年的国务院办公厅节假日安排通知尚未载入：休息日按{}规定的全体公民放假节日及周末推算；通知可能另行安排放假和调休上班，载入后本结果可能变化",
            rule.instrument_zh
        ),
        Lang::En => format!(
            "counts working days in {years}, for which no official holiday notice of the State Council General Office is loaded: the days off are the statutory holidays of the {} and weekends; the notice may add days off and make-up working days, so this may change when it is loaded",
            rule.instrument_en
        ),
        other => crate::phrases::provisional_reason(
            other.code(),
            &years.to_string(),
            &cite(rule.instrument_en),
        ),
    }
}

pub fn status_text(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Eligible => lang.t("eligible", "符合条件"),
        Status::NotEligible => lang.t("not eligible", "不符合条件"),
        Status::Undetermined => lang.t("undetermined", "尚无法确定"),
    }
}

/// A value in the reader's language (`元` for yuan in Chinese).
pub fn show_value(program: &Program, v: &onestop_lang::Value, lang: Lang) -> String {
    use onestop_lang::Value as V;
    let s = program.show(v);
    let local = !matches!(lang, Lang::En | Lang::Zh);
    match (lang, v) {
        (Lang::Zh, V::Money(_)) => s.replace(" yuan", " 元"),
        // The other languages by ICU4X: grouping, separators, month names.
        (_, V::Money(d)) if local => crate::localize::money(*d, lang.code()),
        (_, V::Rate(d)) if local => crate::localize::percent(*d, lang.code()),
        (_, V::Decimal(d)) if local => crate::localize::number(d.normalize(), lang.code()),
        (_, V::Int(i)) if local => crate::localize::integer(*i, lang.code()),
        (_, V::Date(d)) if local => crate::localize::date(*d, lang.code()),
        (_, V::Duration(d)) if local => crate::localize::duration(d.months, d.days, lang.code()),
        (_, V::Bool(b)) if local => (if *b {
            lang.t("yes", "是")
        } else {
            lang.t("no", "否")
        })
        .to_string(),
        (_, V::Set(items)) if local => items
            .iter()
            .map(|i| show_value(program, i, lang))
            .collect::<Vec<_>>()
            .join(lang.t(", ", "、")),
        // Enumeration values read better by their title: "Haidian Park (haidian_park)".
        (_, onestop_lang::Value::Enum(e, i)) => {
            let title = program
                .enums
                .get(e.0 as usize)
                .and_then(|d| d.values.get(*i as usize))
                .map(|(_, t)| t.best(lang.code()))
                .unwrap_or("");
            if title.is_empty() {
                s
            } else if local {
                title.to_string()
            } else {
                format!("{title} ({s})")
            }
        }
        _ => s,
    }
}

pub fn show_val(program: &Program, v: &Val, lang: Lang) -> String {
    plain(&marked_val(program, v, lang))
}

/// A value for a reader who does not read rule names (the portal's results): a
/// missing value names the facts it waits for by their titles in the language.
pub fn show_val_titled(program: &Program, v: &Val, lang: Lang) -> String {
    match v {
        Val::Missing(m) => format!(
            "{} ({})",
            lang.t("unknown", "未知"),
            m.iter()
                .map(|i| program.inputs[i.index()].title.best(lang.code()))
                .collect::<Vec<_>>()
                .join(lang.t("; ", "；"))
        ),
        other => show_val(program, other, lang),
    }
}

/// A value with the names of the facts it waits for marked as code.
fn marked_val(program: &Program, v: &Val, lang: Lang) -> String {
    match v {
        Val::Known(x) => show_value(program, x, lang),
        Val::Missing(m) => format!(
            "{} ({})",
            lang.t("unknown", "未知"),
            m.iter()
                .map(|i| code(&program.inputs[i.index()].name))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Error(e) => format!("{}: {}", lang.t("error", "错误"), code(&e.to_string())),
    }
}

/// A value as the reader may rely on it: one computed from a placeholder figure is
/// "not yet available", whatever the stand-in figure gave.
pub fn show_relied(program: &Program, v: &Val, doubts: &[DoubtRef], lang: Lang) -> String {
    plain(&marked_relied(program, v, doubts, lang))
}

fn marked_relied(program: &Program, v: &Val, doubts: &[DoubtRef], lang: Lang) -> String {
    match program.confidence(doubts) {
        Confidence::Placeholder => lang
            .t(
                "not yet available (computed from a placeholder figure)",
                "暂无（由占位数值计算）",
            )
            .to_string(),
        Confidence::Uncertain => format!(
            "{}  [{}]",
            marked_val(program, v, lang),
            lang.t("UNCERTAIN", "存疑")
        ),
        Confidence::Settled => marked_val(program, v, lang),
    }
}

/// `uncertain: <reason>` or `placeholder: <reason>` in the reader's language.
pub fn doubt_note(d: &Doubt, lang: Lang) -> String {
    let kind = match d.kind {
        DoubtKind::Uncertain => lang.t("uncertain", "存疑"),
        DoubtKind::Placeholder => lang.t("placeholder figure", "占位数值"),
    };
    format!("{kind}: {}", d.reason.best(lang.code()))
}

/// One mark with what it is on: `parameter crc_rate: placeholder figure: <reason>`.
pub fn describe_doubt(program: &Program, r: DoubtRef, lang: Lang) -> String {
    plain(&marked_doubt(program, r, lang))
}

/// The same as HTML: the rule name in `<code>`, the citation in `<cite>` (its text
/// made HTML by `cite_html`, as in [`render_explanation_html`]).
pub fn describe_doubt_html(
    program: &Program,
    r: DoubtRef,
    lang: Lang,
    cite_html: &dyn Fn(&str) -> String,
) -> String {
    html(&marked_doubt(program, r, lang), cite_html)
}

fn marked_doubt(program: &Program, r: DoubtRef, lang: Lang) -> String {
    let (on, name) = program.doubt_subject(r);
    let on = match on {
        "parameter" => lang.t("parameter", "参数"),
        "parameter citation" => lang.t("source of parameter", "参数依据"),
        "definition" => lang.t("definition", "定义"),
        "definition citation" => lang.t("source of definition", "定义依据"),
        "measure" => lang.t("measure", "措施"),
        _ => lang.t("source of measure", "措施依据"),
    };
    let name = code(name);
    let cite = program
        .doubt_citation(r)
        .map(|c| format!(" ({})", cite(&c.text)))
        .unwrap_or_default();
    match program.doubt(r) {
        Some(d) => format!("{on} {name}{cite}: {}", doubt_note(d, lang)),
        None => format!("{on} {name}{cite}"),
    }
}

fn input_line(program: &Program, facts: &crate::Facts, i: InputId, lang: Lang) -> String {
    let decl = &program.inputs[i.index()];
    let v = match facts.get(i) {
        Some(v) => show_value(program, v, lang),
        None => lang.t("not given", "未提供").to_string(),
    };
    format!(
        "{} = {v}  ({})",
        code(&decl.name),
        decl.title.best(lang.code())
    )
}

/// The short evaluation summary: per measure status, outputs and missing facts.
pub fn render_summary(program: &Program, ev: &Evaluation, lang: Lang) -> String {
    let mut out = String::new();
    for r in &ev.measures {
        render_head(&mut out, program, r, lang);
        out.push('\n');
    }
    plain(&out)
}

fn render_head(out: &mut String, program: &Program, r: &MeasureResult, lang: Lang) {
    let m = &program.measures[r.measure.index()];
    let status_mark = match program.confidence(&r.eligibility_doubts) {
        Confidence::Settled => String::new(),
        _ => format!("  [{}]", lang.t("UNCERTAIN", "存疑")),
    };
    let _ = writeln!(
        out,
        "{}  {}
  {}: {}{status_mark}",
        code(&m.id),
        m.title.best(lang.code()),
        lang.t("status", "结论"),
        status_text(r.status, lang)
    );
    for (i, (o, v)) in r.outputs.iter().enumerate() {
        let provisional = r.outputs_provisional.get(i).copied().unwrap_or_default();
        let mark = if provisional.is_empty() {
            String::new()
        } else {
            format!("  [{} {provisional}]", lang.t("PROVISIONAL:", "暂定："))
        };
        let doubts = r
            .outputs_doubts
            .get(i)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} = {}{mark}",
            code(&output_name(program, o)),
            marked_relied(program, v, doubts, lang)
        );
    }
    let mut all = r.eligibility_doubts.clone();
    for d in &r.outputs_doubts {
        onestop_lang::doubt::merge(&mut all, d);
    }
    if !all.is_empty() {
        let _ = writeln!(out, "  {}:", lang.t("not settled", "尚未确定的依据"));
        for d in all {
            let _ = writeln!(out, "    - {}", marked_doubt(program, d, lang));
        }
    }
    let provisional = r.provisional();
    if !provisional.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.t("provisional", "暂定"),
            provisional_reason(provisional, lang)
        );
    }
    let names = |ids: &[InputId]| {
        ids.iter()
            .map(|i| code(&program.inputs[i.index()].name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !r.missing.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.t("missing facts", "缺少的事实"),
            names(&r.missing)
        );
    }
    if !r.missing_for_outputs.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.t("needed for the amounts", "计算金额还需"),
            names(&r.missing_for_outputs)
        );
    }
    for e in &r.errors {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.t("problem", "问题"),
            code(&e.to_string())
        );
    }
}

/// The full explanation: for each measure, its source, condition, and every definition
/// it used with the branch taken, parameters (value, validity, citation) and facts read.
pub fn render_explanation(
    program: &Program,
    facts: &crate::Facts,
    ev: &Evaluation,
    lang: Lang,
) -> String {
    plain(&marked_explanation(program, facts, ev, lang))
}

/// The full explanation as HTML for a `<pre>`: rule names and rule text in `<code>`,
/// citations in `<cite>` (their text made HTML by `cite_html`, e.g. a link to the
/// source), everything else escaped text.
pub fn render_explanation_html(
    program: &Program,
    facts: &crate::Facts,
    ev: &Evaluation,
    lang: Lang,
    cite_html: &dyn Fn(&str) -> String,
) -> String {
    html(&marked_explanation(program, facts, ev, lang), cite_html)
}

fn marked_explanation(
    program: &Program,
    facts: &crate::Facts,
    ev: &Evaluation,
    lang: Lang,
) -> String {
    let traces: HashMap<DefId, &DefTrace> = ev.trace.iter().map(|t| (t.def, t)).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}  ({} {})\n",
        lang.t("Decision date", "决定日期"),
        show_date(ev.date, lang),
        lang.t("rules version", "规则版本"),
        code(&program.version)
    );
    if let Some(r) = &program.reform {
        let _ = writeln!(
            out,
            "{}: {} {}\n",
            lang.t("Reform", "改革方案"),
            code(&r.id),
            r.title.best(lang.code())
        );
    }
    for r in &ev.measures {
        let m = &program.measures[r.measure.index()];
        render_head(&mut out, program, r, lang);
        for c in &m.cites {
            let _ = writeln!(
                out,
                "  {}: {} ({})",
                lang.t("source", "依据"),
                cite(&c.text),
                validity(c, lang)
            );
        }
        let _ = writeln!(
            out,
            "  {}: {}  -> {}",
            lang.t("eligible when", "适用条件"),
            code(&one_line(program.sources.snippet(m.eligible.span))),
            marked_val(program, &r.eligibility, lang)
        );
        if let Some(reads) = &r.reads {
            for i in &reads.inputs {
                let _ = writeln!(
                    out,
                    "    {} {}",
                    lang.t("fact", "事实"),
                    input_line(program, facts, *i, lang)
                );
            }
            let _ = writeln!(out, "  {}:", lang.t("how it was worked out", "推导过程"));
            let mut seen = HashSet::new();
            for d in &reads.deps {
                render_def(&mut out, program, facts, &traces, *d, lang, &mut seen, 2);
            }
        }
        out.push('\n');
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn render_def(
    out: &mut String,
    program: &Program,
    facts: &crate::Facts,
    traces: &HashMap<DefId, &DefTrace>,
    d: DefId,
    lang: Lang,
    seen: &mut HashSet<DefId>,
    depth: usize,
) {
    let pad = "  ".repeat(depth);
    let decl = &program.defs[d.index()];
    let Some(t) = traces.get(&d) else { return };
    if !seen.insert(d) {
        let _ = writeln!(
            out,
            "{pad}- {} = {} ({})",
            code(&decl.name),
            marked_relied(program, &t.value, &t.doubts, lang),
            lang.t("see above", "见上文")
        );
        return;
    }
    let mark = if t.provisional.is_empty() {
        String::new()
    } else {
        format!(" [{} {}]", lang.t("PROVISIONAL:", "暂定："), t.provisional)
    };
    let _ = writeln!(
        out,
        "{pad}- {} = {}{mark}   [{}]",
        code(&decl.name),
        marked_relied(program, &t.value, &t.doubts, lang),
        decl.title.best(lang.code())
    );
    if let Some(d) = &decl.doubt {
        let _ = writeln!(out, "{pad}    {}", doubt_note(d, lang));
    }
    let rule = match &t.branch {
        Branch::Default => format!(
            "{}: {}",
            lang.t("rule", "规则"),
            code(&one_line(program.sources.snippet(decl.default.span)))
        ),
        Branch::Exception(i) => {
            let ex = &decl.exceptions[*i];
            let mut s = format!(
                "{} [{}] {}: {} -> {}",
                lang.t("exception", "例外"),
                code(&ex.label),
                lang.t("applies", "适用"),
                code(&one_line(program.sources.snippet(ex.cond.span))),
                code(&one_line(program.sources.snippet(ex.value.span)))
            );
            if let Some(c) = &ex.cite {
                let _ = write!(
                    s,
                    "  ({}: {}, {}{})",
                    lang.t("source", "依据"),
                    cite(&c.text),
                    validity(c, lang),
                    cite_note(c, lang)
                );
            }
            s
        }
        Branch::Pending => lang
            .t(
                "an exception may apply; waiting for facts",
                "可能适用例外，尚缺事实",
            )
            .to_string(),
        Branch::Conflict(ls) => format!(
            "{}: {}",
            lang.t("CONFLICT between exceptions", "例外冲突"),
            ls.iter()
                .map(|i| code(&decl.exceptions[*i].label))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Branch::Error => lang.t("could not be computed", "无法计算").to_string(),
    };
    let _ = writeln!(out, "{pad}    {rule}");
    for c in &decl.cites {
        let _ = writeln!(
            out,
            "{pad}    {}: {} ({}){}",
            lang.t("source", "依据"),
            cite(&c.text),
            validity(c, lang),
            cite_note(c, lang)
        );
    }
    for p in &t.params {
        let decl = &program.params[p.param.index()];
        let figure = |v: &onestop_lang::Value| match &decl.doubt {
            Some(d) if d.kind == DoubtKind::Placeholder => format!(
                "{} {} ({})",
                lang.t("not yet available: stand-in", "暂无：占位"),
                show_value(program, v, lang),
                doubt_note(d, lang)
            ),
            Some(d) => format!("{} ({})", show_value(program, v, lang), doubt_note(d, lang)),
            None => show_value(program, v, lang),
        };
        match p.value_index.and_then(|i| decl.values.get(i)) {
            Some(v) => {
                let _ = writeln!(
                    out,
                    "{pad}    {} {} = {} ({}; {}: {}, {}{})",
                    lang.t("parameter", "参数"),
                    code(&decl.name),
                    figure(&v.value),
                    match v.to {
                        Some(to) => format!(
                            "{} {} {}",
                            show_date(v.from, lang),
                            lang.t("to", "至"),
                            show_date(to, lang)
                        ),
                        None => format!(
                            "{} {}",
                            lang.t("in force from", "自"),
                            show_date(v.from, lang)
                        ),
                    },
                    lang.t("source", "依据"),
                    cite(&v.cite.text),
                    validity(&v.cite, lang),
                    cite_note(&v.cite, lang)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{pad}    {} {}: {} {}",
                    lang.t("parameter", "参数"),
                    code(&decl.name),
                    lang.t("no value on", "无有效值"),
                    show_date(p.at, lang)
                );
            }
        }
    }
    for i in &t.inputs {
        let _ = writeln!(
            out,
            "{pad}    {} {}",
            lang.t("fact", "事实"),
            input_line(program, facts, *i, lang)
        );
    }
    for dep in &t.deps {
        render_def(out, program, facts, traces, *dep, lang, seen, depth + 1);
    }
}

/// `; uncertain: <reason>` after a citation that carries a mark.
fn cite_note(c: &onestop_lang::ast::Citation, lang: Lang) -> String {
    c.doubt
        .as_ref()
        .map(|d| format!("; {}", doubt_note(d, lang)))
        .unwrap_or_default()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name a rule writer gave an output (a definition or an input), as reports show it.
pub fn output_name(program: &Program, o: &OutputRef) -> String {
    match o {
        OutputRef::Def(d) => program.defs[d.index()].name.clone(),
        OutputRef::Input(i) => program.inputs[i.index()].name.clone(),
    }
}
