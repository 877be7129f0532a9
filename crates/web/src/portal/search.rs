//! Full-text search over the measure catalogue: tantivy, with jieba segmenting Chinese
//! so Chinese queries find Chinese text, and English stemming for English; and over
//! the source documents' paragraphs ([`SourceIndex`]), each hit a link to its anchor.

use onestop_catalog::Catalog;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{Index, IndexReader, TantivyDocument, doc};

pub struct Search {
    index: Index,
    reader: IndexReader,
    id: Field,
    zh: Field,
    en: Field,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
}

fn text_field(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// True when the query contains CJK characters.
pub fn is_chinese(q: &str) -> bool {
    q.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

impl Search {
    pub fn build(catalog: &Catalog) -> Result<Search, String> {
        let mut sb = Schema::builder();
        let id = sb.add_text_field("id", STRING | STORED);
        let zh = sb.add_text_field("zh", text_field("jieba"));
        let en = sb.add_text_field("en", text_field("en_stem_lower"));
        let index = Index::create_in_ram(sb.build());
        index
            .tokenizers()
            .register("jieba", tantivy_jieba::JiebaTokenizer::new());
        index.tokenizers().register(
            "en_stem_lower",
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(tantivy::tokenizer::Language::English))
                .build(),
        );
        let mut w = index.writer(20_000_000).map_err(|e| e.to_string())?;
        for m in &catalog.measures {
            let zh_text = format!("{} {} {}", m.title.zh, m.title.zh, m.summary.zh);
            let en_text = format!(
                "{} {} {} {} {}",
                m.title.en,
                m.title.en,
                m.summary.en,
                m.quote,
                m.responsible.join(" ")
            );
            w.add_document(doc!(id => m.id.clone(), zh => zh_text, en => en_text))
                .map_err(|e| e.to_string())?;
        }
        w.commit().map_err(|e| e.to_string())?;
        let reader = index.reader().map_err(|e| e.to_string())?;
        Ok(Search {
            index,
            reader,
            id,
            zh,
            en,
        })
    }

    /// Measures matching the query, best first.
    pub fn query(&self, q: &str, limit: usize) -> Vec<Hit> {
        let q = q.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let field = if is_chinese(q) { self.zh } else { self.en };
        let mut parser = QueryParser::for_index(&self.index, vec![field]);
        parser.set_conjunction_by_default();
        // Free text, not query syntax: strip the parser's operators.
        let cleaned: String = q
            .chars()
            .map(|c| {
                if "+-&|!(){}[]^\"~*?:\\/".contains(c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let run = |parser: &QueryParser| -> Vec<Hit> {
            let Ok(query) = parser.parse_query(&cleaned) else {
                return Vec::new();
            };
            let searcher = self.reader.searcher();
            let Ok(top) = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())
            else {
                return Vec::new();
            };
            top.into_iter()
                .filter_map(|(score, addr)| {
                    let d: TantivyDocument = searcher.doc(addr).ok()?;
                    let id = d.get_first(self.id)?.as_str()?.to_string();
                    Some(Hit { id, score })
                })
                .collect()
        };
        let hits = run(&parser);
        if !hits.is_empty() {
            return hits;
        }
        // Nothing matches every word: accept any.
        parser = QueryParser::for_index(&self.index, vec![field]);
        run(&parser)
    }
}

/// One paragraph of a source document to index: where it links and how it is named.
pub struct SourceEntry {
    pub url: String,
    pub label: String,
    pub text: String,
}

/// A paragraph of a source document that matches a query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceHit {
    pub url: String,
    pub label: String,
    pub snippet: String,
}

/// The source documents' paragraphs, English-stemmed (the shipped texts are English).
pub struct SourceIndex {
    index: Index,
    reader: IndexReader,
    url: Field,
    label: Field,
    text: Field,
    body: Field,
}

impl SourceIndex {
    pub fn build(entries: &[SourceEntry]) -> Result<SourceIndex, String> {
        let mut sb = Schema::builder();
        let url = sb.add_text_field("url", STRING | STORED);
        let label = sb.add_text_field("label", STORED);
        let text = sb.add_text_field("text", STORED);
        let body = sb.add_text_field("body", text_field("en_stem_lower"));
        let index = Index::create_in_ram(sb.build());
        index.tokenizers().register(
            "en_stem_lower",
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(tantivy::tokenizer::Language::English))
                .build(),
        );
        let mut w = index.writer(20_000_000).map_err(|e| e.to_string())?;
        for e in entries {
            w.add_document(doc!(url => e.url.clone(), label => e.label.clone(), text => e.text.clone(), body => e.text.clone()))
                .map_err(|e| e.to_string())?;
        }
        w.commit().map_err(|e| e.to_string())?;
        let reader = index.reader().map_err(|e| e.to_string())?;
        Ok(SourceIndex {
            index,
            reader,
            url,
            label,
            text,
            body,
        })
    }

    /// Paragraphs with every word of the query (else any), best first.
    pub fn query(&self, q: &str, limit: usize) -> Vec<SourceHit> {
        let cleaned: String = q
            .trim()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        if cleaned.trim().is_empty() {
            return Vec::new();
        }
        let searcher = self.reader.searcher();
        let run = |conjunction: bool| -> Vec<SourceHit> {
            let mut parser = QueryParser::for_index(&self.index, vec![self.body]);
            if conjunction {
                parser.set_conjunction_by_default();
            }
            let Ok(query) = parser.parse_query(&cleaned) else {
                return Vec::new();
            };
            let Ok(top) = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())
            else {
                return Vec::new();
            };
            top.into_iter()
                .filter_map(|(_, addr)| {
                    let d: TantivyDocument = searcher.doc(addr).ok()?;
                    let text = d.get_first(self.text)?.as_str()?;
                    Some(SourceHit {
                        url: d.get_first(self.url)?.as_str()?.to_string(),
                        label: d.get_first(self.label)?.as_str()?.to_string(),
                        snippet: snippet(text, 240),
                    })
                })
                .collect()
        };
        let hits = run(true);
        if hits.is_empty() { run(false) } else { hits }
    }
}

/// The first `max` characters of a paragraph, cut at a word.
fn snippet(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_finds_chinese_and_english_finds_english() {
        let s = Search::build(onestop_catalog::embedded()).expect("index");
        let hits = s.query("技术转让", 5);
        assert!(
            hits.iter()
                .take(3)
                .any(|h| h.id == "enterprise.tech-transfer-tax"),
            "{hits:?}"
        );
        let hits = s.query("technology transfer tax", 5);
        assert_eq!(
            hits.first().map(|h| h.id.as_str()),
            Some("enterprise.tech-transfer-tax"),
            "{hits:?}"
        );
        let hits = s.query("工作许可", 5);
        assert!(
            hits.iter().any(|h| h.id == "talent.category-a-fast-track"),
            "{hits:?}"
        );
        assert!(s.query("zzzzqqq", 5).is_empty());
        assert!(
            s.query("\"((", 5).is_empty() || !s.query("\"((", 5).is_empty(),
            "no panic on syntax"
        );
    }

    #[test]
    fn source_paragraphs_are_found_by_their_words() {
        let entries = vec![
            SourceEntry {
                url: "/sources/a#s-1".into(),
                label: "a §1".into(),
                text: "indirect costs of research projects".into(),
            },
            SourceEntry {
                url: "/sources/a#s-2".into(),
                label: "a §2".into(),
                text: "work permits for foreign talents".into(),
            },
        ];
        let s = SourceIndex::build(&entries).expect("index");
        let hits = s.query("indirect cost", 5);
        assert_eq!(
            hits.first().map(|h| h.url.as_str()),
            Some("/sources/a#s-1"),
            "{hits:?}"
        );
        assert!(s.query("((\"", 5).is_empty());
        assert!(s.query("zzzzqqq", 5).is_empty());
    }
}
