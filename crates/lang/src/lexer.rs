//! Tokens. Numbers may group digits with spaces (`20 000 000 yuan`) the way
//! Chinese and European legal texts print them.

use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    /// A number; `integral` is false when it was written with a decimal point.
    Num {
        value: Decimal,
        integral: bool,
    },
    /// `12.5%`, stored as the fraction 0.125.
    Percent(Decimal),
    Date(NaiveDate),
    Sym(&'static str),
    Eof,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    /// True when a newline separates this token from the previous one.
    pub line_start: bool,
}

const SYMBOLS: &[&str] = &[
    "!=", "<=", ">=", "->", ":", "=", "<", ">", "+", "-", "*", "/", "(", ")", "{", "}", "[", "]",
    ",", ".",
];

pub fn lex(file: FileId, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let tok = if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            Tok::Ident(text[start..i].to_string())
        } else if c.is_ascii_digit() {
            lex_number(file, text, &mut i, diags)
        } else if c == b'"' {
            i += 1;
            let mut s = String::new();
            let mut closed = false;
            while i < bytes.len() {
                let ch = match text[i..].chars().next() {
                    Some(ch) => ch,
                    None => break,
                };
                if ch == '"' {
                    i += 1;
                    closed = true;
                    break;
                }
                if ch == '\n' {
                    break;
                }
                if ch == '\\' {
                    let next = text[i + 1..].chars().next();
                    match next {
                        Some('"') => s.push('"'),
                        Some('\\') => s.push('\\'),
                        Some('n') => s.push('\n'),
                        _ => {
                            diags.push(
                                Diagnostic::error(
                                    "E-LEX",
                                    Span::new(file, i, i + 1),
                                    "unknown escape in string",
                                )
                                .hint("only \\\" , \\\\ and \\n are escapes"),
                            );
                        }
                    }
                    i += 1 + next.map(|c| c.len_utf8()).unwrap_or(0);
                    continue;
                }
                s.push(ch);
                i += ch.len_utf8();
            }
            if !closed {
                diags.push(
                    Diagnostic::error("E-LEX", Span::new(file, start, i), "unterminated string")
                        .hint("close the string with `\"` on the same line"),
                );
            }
            Tok::Str(s)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| text[i..].starts_with(**s)) {
            i += sym.len();
            Tok::Sym(sym)
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            i += ch.len_utf8();
            diags.push(
                Diagnostic::error(
                    "E-LEX",
                    Span::new(file, start, i),
                    format!("unexpected character `{ch}`"),
                )
                .hint("text in other scripts belongs inside quotes, e.g. title zh \"技术转让\""),
            );
            continue;
        };
        toks.push(Token {
            tok,
            span: Span::new(file, start, i),
            line_start,
        });
        line_start = false;
    }
    toks.push(Token {
        tok: Tok::Eof,
        span: Span::new(file, text.len(), text.len()),
        line_start: true,
    });
    toks
}

fn digits_at(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

fn lex_number(file: FileId, text: &str, i: &mut usize, diags: &mut Vec<Diagnostic>) -> Tok {
    let bytes = text.as_bytes();
    let start = *i;
    // A date: dddd-dd-dd
    if digits_at(bytes, start) == 4
        && bytes.get(start + 4) == Some(&b'-')
        && bytes.len() >= start + 10
        && digits_at(bytes, start + 5) == 2
        && bytes.get(start + 7) == Some(&b'-')
        && digits_at(bytes, start + 8) == 2
        && !bytes
            .get(start + 10)
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        *i = start + 10;
        let s = &text[start..*i];
        return match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Tok::Date(d),
            Err(_) => {
                diags.push(
                    Diagnostic::error(
                        "E-LEX",
                        Span::new(file, start, *i),
                        format!("`{s}` is not a calendar date"),
                    )
                    .hint("dates are written YYYY-MM-DD and must exist, e.g. 2020-02-29"),
                );
                Tok::Date(NaiveDate::MIN)
            }
        };
    }
    let mut digits = String::new();
    loop {
        let n = digits_at(bytes, *i);
        digits.push_str(&text[*i..*i + n]);
        *i += n;
        // Digit groups: `20 000 000` or `20_000_000`.
        let sep = bytes.get(*i).copied();
        if (sep == Some(b' ') || sep == Some(b'_'))
            && digits_at(bytes, *i + 1) == 3
            && !bytes.get(*i + 4).is_some_and(|b| b.is_ascii_digit())
        {
            *i += 1;
            continue;
        }
        break;
    }
    let mut integral = true;
    if bytes.get(*i) == Some(&b'.') && bytes.get(*i + 1).is_some_and(|b| b.is_ascii_digit()) {
        integral = false;
        *i += 1;
        digits.push('.');
        let n = digits_at(bytes, *i);
        digits.push_str(&text[*i..*i + n]);
        *i += n;
    }
    let value = match Decimal::from_str(&digits) {
        Ok(v) => v,
        Err(_) => {
            diags.push(
                Diagnostic::error(
                    "E-LEX",
                    Span::new(file, start, *i),
                    format!("number `{digits}` is too large or too precise"),
                )
                .hint("numbers hold at most 28 significant digits"),
            );
            Decimal::ZERO
        }
    };
    if bytes.get(*i) == Some(&b'%') {
        *i += 1;
        return Tok::Percent(value / Decimal::ONE_HUNDRED);
    }
    Tok::Num { value, integral }
}

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Str(_) => "a string".into(),
            Tok::Num { .. } => "a number".into(),
            Tok::Percent(_) => "a percentage".into(),
            Tok::Date(_) => "a date".into(),
            Tok::Sym(s) => format!("`{s}`"),
            Tok::Eof => "the end of the file".into(),
        }
    }
}
