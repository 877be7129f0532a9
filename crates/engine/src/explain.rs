//! Renders an evaluation and its trace as readable text, in English or Chinese.

use crate::eval::{Branch, DefTrace, Evaluation, MeasureResult, Status, Val};
use onestop_lang::{Confidence, DefId, Doubt, DoubtKind, DoubtRef, InputId, OutputRef, Program};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" => Some(Lang::Zh),
            _ => None,
        }
    }
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    fn t(self, en: &'static str, zh: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// Why an answer through these years is provisional, and what would settle it.
pub fn provisional_reason(years: onestop_calendar::YearSet, lang: Lang) -> String {
    let first = years.first().unwrap_or(onestop_calendar::FIRST_YEAR);
    let rule = onestop_calendar::statutory::rule_for(first);
    match lang {
        Lang::En => format!(
            "counts working days in {years}, for which no official holiday notice of the State Council General Office is loaded: the days off are the statutory holidays of the {} and weekends; the notice may add days off and make-up working days, so this may change when it is loaded",
            rule.instrument_en
        ),
        Lang::Zh => format!(
            "计算经过{years}年的工作日，而该年的国务院办公厅节假日安排通知尚未载入：休息日按{}规定的全体公民放假节日及周末推算；通知可能另行安排放假和调休上班，载入后本结果可能变化",
            rule.instrument_zh
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
    let s = program.show(v);
    match (lang, v) {
        (Lang::Zh, onestop_lang::Value::Money(_)) => s.replace(" yuan", " 元"),
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
            } else {
                format!("{title} ({s})")
            }
        }
        _ => s,
    }
}

pub fn show_val(program: &Program, v: &Val, lang: Lang) -> String {
    match v {
        Val::Known(x) => show_value(program, x, lang),
        Val::Missing(m) => format!(
            "{} ({})",
            lang.t("unknown", "未知"),
            m.iter()
                .map(|i| program.inputs[i.index()].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Error(e) => format!("{}: {e}", lang.t("error", "错误")),
    }
}

/// A value as the reader may rely on it: one computed from a placeholder figure is
/// "not yet available", whatever the stand-in figure gave.
pub fn show_relied(program: &Program, v: &Val, doubts: &[DoubtRef], lang: Lang) -> String {
    match program.confidence(doubts) {
        Confidence::Placeholder => lang
            .t(
                "not yet available (computed from a placeholder figure)",
                "暂无（由占位数值计算）",
            )
            .to_string(),
        Confidence::Uncertain => format!(
            "{}  [{}]",
            show_val(program, v, lang),
            lang.t("UNCERTAIN", "存疑")
        ),
        Confidence::Settled => show_val(program, v, lang),
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
    let (on, name) = program.doubt_subject(r);
    let on = match on {
        "parameter" => lang.t("parameter", "参数"),
        "parameter citation" => lang.t("source of parameter", "参数依据"),
        "definition" => lang.t("definition", "定义"),
        "definition citation" => lang.t("source of definition", "定义依据"),
        "measure" => lang.t("measure", "措施"),
        _ => lang.t("source of measure", "措施依据"),
    };
    let cite = program
        .doubt_citation(r)
        .map(|c| format!(" ({})", c.text))
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
    format!("{} = {v}  ({})", decl.name, decl.title.best(lang.code()))
}

/// The short evaluation summary: per measure status, outputs and missing facts.
pub fn render_summary(program: &Program, ev: &Evaluation, lang: Lang) -> String {
    let mut out = String::new();
    for r in &ev.measures {
        render_head(&mut out, program, r, lang);
        out.push('\n');
    }
    out
}

fn render_head(out: &mut String, program: &Program, r: &MeasureResult, lang: Lang) {
    let m = &program.measures[r.measure.index()];
    let status_mark = match program.confidence(&r.eligibility_doubts) {
        Confidence::Settled => String::new(),
        _ => format!("  [{}]", lang.t("UNCERTAIN", "存疑")),
    };
    let _ = writeln!(
        out,
        "{}  {}\n  {}: {}{status_mark}",
        m.id,
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
            output_name(program, o),
            show_relied(program, v, doubts, lang)
        );
    }
    let mut all = r.eligibility_doubts.clone();
    for d in &r.outputs_doubts {
        onestop_lang::doubt::merge(&mut all, d);
    }
    if !all.is_empty() {
        let _ = writeln!(out, "  {}:", lang.t("not settled", "尚未确定的依据"));
        for d in all {
            let _ = writeln!(out, "    - {}", describe_doubt(program, d, lang));
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
            .map(|i| program.inputs[i.index()].name.clone())
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
        let _ = writeln!(out, "  {}: {e}", lang.t("problem", "问题"));
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
    let traces: HashMap<DefId, &DefTrace> = ev.trace.iter().map(|t| (t.def, t)).collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}  ({} {})\n",
        lang.t("Decision date", "决定日期"),
        ev.date,
        lang.t("rules version", "规则版本"),
        program.version
    );
    if let Some(r) = &program.reform {
        let _ = writeln!(
            out,
            "{}: {} {}\n",
            lang.t("Reform", "改革方案"),
            r.id,
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
                c.text,
                c.validity()
            );
        }
        let _ = writeln!(
            out,
            "  {}: {}  -> {}",
            lang.t("eligible when", "适用条件"),
            one_line(program.sources.snippet(m.eligible.span)),
            show_val(program, &r.eligibility, lang)
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
            decl.name,
            show_relied(program, &t.value, &t.doubts, lang),
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
        decl.name,
        show_relied(program, &t.value, &t.doubts, lang),
        decl.title.best(lang.code())
    );
    if let Some(d) = &decl.doubt {
        let _ = writeln!(out, "{pad}    {}", doubt_note(d, lang));
    }
    let rule = match &t.branch {
        Branch::Default => format!(
            "{}: {}",
            lang.t("rule", "规则"),
            one_line(program.sources.snippet(decl.default.span))
        ),
        Branch::Exception(i) => {
            let ex = &decl.exceptions[*i];
            let mut s = format!(
                "{} [{}] {}: {} -> {}",
                lang.t("exception", "例外"),
                ex.label,
                lang.t("applies", "适用"),
                one_line(program.sources.snippet(ex.cond.span)),
                one_line(program.sources.snippet(ex.value.span))
            );
            if let Some(c) = &ex.cite {
                let _ = write!(
                    s,
                    "  ({}: {}, {}{})",
                    lang.t("source", "依据"),
                    c.text,
                    c.validity(),
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
                .map(|i| decl.exceptions[*i].label.clone())
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
            c.text,
            c.validity(),
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
                    decl.name,
                    figure(&v.value),
                    match v.to {
                        Some(to) => format!("{} {} {}", v.from, lang.t("to", "至"), to),
                        None => format!("{} {}", lang.t("in force from", "自"), v.from),
                    },
                    lang.t("source", "依据"),
                    v.cite.text,
                    v.cite.validity(),
                    cite_note(&v.cite, lang)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{pad}    {} {}: {} {}",
                    lang.t("parameter", "参数"),
                    decl.name,
                    lang.t("no value on", "无有效值"),
                    p.at
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
