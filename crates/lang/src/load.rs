//! Reading a rules directory, and applying a reform to it.

use crate::ast::{Item, ItemKind};
use crate::check::check;
use crate::diag::{Diagnostic, did_you_mean};
use crate::parser::{FileKind, parse};
use crate::program::{Program, ReformDecl};
use crate::source::{FileId, Sources, Span};
use std::path::{Path, PathBuf};

/// A reform file: the parameters and definitions it replaces.
#[derive(Debug, Clone)]
pub struct ReformFile {
    pub id: String,
    pub file: FileId,
    pub items: Vec<Item>,
}

/// Every rule, test and reform file of a directory, parsed but not yet checked.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub sources: Sources,
    pub rules: Vec<Item>,
    pub tests: Vec<Item>,
    pub reforms: Vec<ReformFile>,
    /// Syntax diagnostics from parsing.
    pub diags: Vec<Diagnostic>,
    /// Translation catalogues (`locales/<lang>.ftl`), see [`crate::translations`].
    pub catalogues: Vec<crate::translations::Catalogue>,
    rule_texts: Vec<(String, FileId)>,
}

impl RuleSet {
    pub fn new() -> RuleSet {
        RuleSet::default()
    }

    /// Reads every `.policy`, `.test` and `.reform` file under `dir`, and the translation
    /// catalogues (`locales/ko.ftl`, ...), in path order.
    pub fn load_dir(dir: &Path) -> Result<RuleSet, String> {
        let mut paths = Vec::new();
        collect(dir, &mut paths)?;
        if paths.is_empty() {
            return Err(format!(
                "no rule files (.policy) found under {}; pass the rules directory, e.g. `rules/`",
                dir.display()
            ));
        }
        paths.sort();
        let mut set = RuleSet::new();
        for p in paths {
            let bytes =
                std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let name = p
                .strip_prefix(dir.parent().unwrap_or(Path::new("")))
                .unwrap_or(&p)
                .display()
                .to_string();
            match String::from_utf8(bytes) {
                Ok(text) => {
                    set.add_text(&name, &text);
                }
                // Reported at the first bad byte; the other files are still checked.
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let start = text
                        .char_indices()
                        .map(|(i, _)| i)
                        .take_while(|i| *i <= valid)
                        .last()
                        .unwrap_or(0);
                    let file = set.sources.add(&name, text);
                    set.diags.push(
                        crate::diag::Diagnostic::error(
                            "E-ENCODING",
                            crate::source::Span::new(file, start, start),
                            "this file is not UTF-8 text",
                        )
                        .hint("save rule files as UTF-8; the rest of the rules are checked without it"),
                    );
                }
            }
        }
        Ok(set)
    }

    /// Adds one file's text; its kind comes from the name's extension.
    pub fn add_text(&mut self, name: &str, text: &str) -> FileId {
        if let Some(lang) = crate::translations::catalogue_lang(name) {
            let file = self.sources.add(name, text);
            let catalogue = crate::translations::parse_catalogue(lang, file, text, &mut self.diags);
            self.catalogues.push(catalogue);
            return file;
        }
        let kind = FileKind::from_path(name).unwrap_or(FileKind::Rules);
        let file = self.sources.add(name, text);
        let items = parse(file, text, kind, &mut self.diags);
        match kind {
            FileKind::Rules => {
                self.rule_texts.push((name.to_string(), file));
                self.rules.extend(items);
            }
            FileKind::Tests => self.tests.extend(items),
            FileKind::Reform => {
                let id = items
                    .iter()
                    .find(|i| i.kind == ItemKind::Reform)
                    .map(|i| i.name.name.clone());
                let id = match id {
                    Some(id) => id,
                    None => {
                        self.diags.push(
                            Diagnostic::error(
                                "E-REFORM",
                                Span::new(file, 0, 0),
                                "a reform file must begin with `reform <id>`",
                            )
                            .hint(
                                "e.g. reform tech-transfer-20m-beijing title en \"...\" zh \"...\"",
                            ),
                        );
                        name.to_string()
                    }
                };
                self.reforms.push(ReformFile { id, file, items });
            }
        }
        file
    }

    /// Reads a reform file from anywhere and returns its index in `reforms`.
    pub fn add_reform_file(&mut self, path: &Path) -> Result<usize, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read reform file {}: {e}", path.display()))?;
        let name = path.display().to_string();
        let name = if name.ends_with(".reform") {
            name
        } else {
            format!("{name} (as .reform)")
        };
        let file = self.sources.add(&name, &text);
        let items = parse(file, &text, FileKind::Reform, &mut self.diags);
        let id = items
            .iter()
            .find(|i| i.kind == ItemKind::Reform)
            .map(|i| i.name.name.clone())
            .unwrap_or_else(|| name.clone());
        self.reforms.push(ReformFile { id, file, items });
        Ok(self.reforms.len() - 1)
    }

    /// The header (`reform <id>`, title, summary) of every reform file read.
    fn reform_headers(&self) -> Vec<crate::translations::ReformHeader> {
        self.reforms
            .iter()
            .filter_map(|r| {
                let h = r.items.iter().find(|i| i.kind == ItemKind::Reform)?;
                Some(crate::translations::ReformHeader {
                    id: r.id.clone(),
                    title: h.meta.title.clone(),
                    summary: h.meta.summary.clone(),
                    span: h.name.span,
                })
            })
            .collect()
    }

    pub fn reform(&self, id: &str) -> Option<usize> {
        self.reforms.iter().position(|r| r.id == id)
    }

    /// A stable hash of the rule files (and reform), recorded with every decision.
    pub fn version(&self, reform: Option<usize>) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |bytes: &[u8]| {
            for b in bytes {
                h ^= *b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        };
        let mut files: Vec<&(String, FileId)> = self.rule_texts.iter().collect();
        files.sort();
        for (name, id) in files {
            feed(name.as_bytes());
            feed(&[0]);
            feed(self.sources.file(*id).text.as_bytes());
            feed(&[0]);
        }
        if let Some(r) = reform.and_then(|r| self.reforms.get(r)) {
            feed(self.sources.file(r.file).text.as_bytes());
        }
        format!("{h:016x}")
    }

    /// Checks the rules, optionally with a reform applied. Returns the program when there are no errors.
    pub fn check(&self, reform: Option<usize>) -> (Option<Program>, Vec<Diagnostic>) {
        let mut diags = self.diags.clone();
        if diags.iter().any(|d| d.is_error()) {
            return (None, diags);
        }
        let (items, decl) = match reform.and_then(|r| self.reforms.get(r)) {
            Some(r) => {
                let items = apply_reform(&self.rules, &r.items, &mut diags);
                let header = r.items.iter().find(|i| i.kind == ItemKind::Reform);
                let decl = ReformDecl {
                    id: r.id.clone(),
                    title: header.map(|h| h.meta.title.clone()).unwrap_or_default(),
                    summary: header.map(|h| h.meta.summary.clone()).unwrap_or_default(),
                    cites: header.map(|h| h.meta.cites.clone()).unwrap_or_default(),
                };
                (items, Some(decl))
            }
            None => (self.rules.clone(), None),
        };
        if diags.iter().any(|d| d.is_error()) {
            return (None, diags);
        }
        let (program, more) = check(&self.sources, &items, decl, self.version(reform));
        diags.extend(more);
        let program = program.and_then(|mut p| {
            // A reformed program only takes the texts: its baseline reports what is missing.
            // The baseline's check also asks for the shipped reforms' headers.
            let headers = match reform {
                None => self.reform_headers(),
                Some(_) => Vec::new(),
            };
            let report = crate::translations::apply(
                &mut p,
                &self.catalogues,
                &headers,
                &self.sources,
                reform.is_none(),
            );
            let failed = report.diags.iter().any(|d| d.is_error());
            diags.extend(report.diags);
            (!failed).then_some(p)
        });
        (program, diags)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.to_str().is_some_and(|p| {
            FileKind::from_path(p).is_some() || crate::translations::catalogue_lang(p).is_some()
        }) {
            out.push(path);
        }
    }
    Ok(())
}

/// Replaces base parameters and definitions with the reform's versions of them.
pub fn apply_reform(base: &[Item], reform: &[Item], diags: &mut Vec<Diagnostic>) -> Vec<Item> {
    let mut items = base.to_vec();
    for r in reform {
        match &r.kind {
            ItemKind::Parameter { ty, values } => {
                let found = items.iter_mut().find(|i| {
                    matches!(i.kind, ItemKind::Parameter { .. }) && i.name.name == r.name.name
                });
                match found {
                    Some(base_item) => {
                        if let ItemKind::Parameter {
                            ty: base_ty,
                            values: base_values,
                        } = &mut base_item.kind
                        {
                            if ty.is_some() && ty != base_ty {
                                // Types are compared after checking; keep the base type so a mismatch is reported there.
                            }
                            *base_values = values.clone();
                        }
                        if !r.meta.title.entries.is_empty() {
                            base_item.meta.title = r.meta.title.clone();
                        }
                    }
                    None => unknown_target(diags, r, base, "parameter"),
                }
            }
            ItemKind::Definition { .. } => {
                let found = items.iter_mut().find(|i| {
                    matches!(i.kind, ItemKind::Definition { .. })
                        && i.name.name == r.name.name
                        && i.scope.as_ref().map(|s| &s.name) == r.scope.as_ref().map(|s| &s.name)
                });
                match found {
                    Some(base_item) => *base_item = r.clone(),
                    None => unknown_target(diags, r, base, "definition"),
                }
            }
            _ => {}
        }
    }
    items
}

fn unknown_target(diags: &mut Vec<Diagnostic>, r: &Item, base: &[Item], what: &str) {
    let names = base.iter().filter(|i| {
        matches!(
            (&i.kind, what),
            (ItemKind::Parameter { .. }, "parameter") | (ItemKind::Definition { .. }, "definition")
        )
    });
    let hint = did_you_mean(&r.name.name, names.map(|i| i.name.name.as_str()))
        .map(|s| format!("did you mean `{s}`?"))
        .unwrap_or_else(|| format!("a reform can only replace an existing {what}"));
    diags.push(
        Diagnostic::error(
            "E-REFORM",
            r.name.span,
            format!(
                "the reform replaces {what} `{}`, which the rules do not have",
                r.name.name
            ),
        )
        .hint(hint),
    );
}
