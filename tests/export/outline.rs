//! What an export shows of an article, read back with a real parser of its form: its
//! headings, its key-point table's rows, its FAQ questions and its paragraphs, to be held
//! equal to the article lede parsed. Anything else a parser finds (emphasis, a link, raw
//! HTML, an element lede never writes) is a leak of the article's text into markup.
#![allow(dead_code)]

use lede::article::Article;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Selector};

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The title (1) and the parts (2): `1. Context of the Meeting`, `Key points`.
    pub headings: Vec<(u8, String)>,
    /// The key points table, its head first.
    pub rows: Vec<Vec<String>>,
    pub questions: Vec<String>,
    pub paragraphs: Vec<String>,
}

impl Outline {
    pub fn extend(&mut self, other: Outline) {
        self.headings.extend(other.headings);
        self.rows.extend(other.rows);
        self.questions.extend(other.questions);
        self.paragraphs.extend(other.paragraphs);
    }
}

/// What every form must show of `article`.
pub fn expected(article: &Article) -> Outline {
    let mut o = Outline::default();
    let title = article.title.trim();
    let title = if title.is_empty() {
        "Untitled article"
    } else {
        title
    };
    o.headings.push((1, title.to_owned()));
    let mut paragraphs = |ps: &[String]| {
        o.paragraphs.extend(
            ps.iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty()),
        )
    };
    paragraphs(&article.lead);
    for (i, section) in article.sections.iter().enumerate() {
        let heading = section.heading.trim();
        let numbered = if heading.is_empty() {
            format!("{}.", i + 1)
        } else {
            format!("{}. {heading}", i + 1)
        };
        o.headings.push((2, numbered));
        paragraphs(&section.paragraphs);
    }
    if !article.key_points.is_empty() {
        o.headings.push((2, "Key points".to_owned()));
        o.rows.push(vec!["No.".to_owned(), "Key point".to_owned()]);
        for (i, point) in article.key_points.iter().enumerate() {
            o.rows
                .push(vec![(i + 1).to_string(), point.trim().to_owned()]);
        }
    }
    if article.summary.iter().any(|p| !p.trim().is_empty()) {
        o.headings.push((2, "Summary".to_owned()));
        paragraphs(&article.summary);
    }
    if !article.faq.is_empty() {
        o.headings
            .push((2, "Frequently Asked Questions".to_owned()));
        for entry in &article.faq {
            o.questions.push(entry.question.trim().to_owned());
            paragraphs(&entry.answer);
        }
    }
    // the paragraphs come in reading order: answers after the summary, as written
    o
}

/// Markdown read by pulldown-cmark with GFM tables and strikethrough: the outline, and every
/// event that is not plain text in the blocks lede writes.
pub fn markdown(text: &str) -> (Outline, Vec<String>) {
    let mut o = Outline::default();
    let mut leaks = Vec::new();
    let mut text_buf = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut level = 0u8;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { level: l, .. }) => {
                level = l as u8;
                text_buf.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                let t = text_buf.trim().to_owned();
                if level == 3 {
                    o.questions.push(t);
                } else {
                    o.headings.push((level, t));
                }
            }
            Event::Start(Tag::Paragraph | Tag::TableCell) => text_buf.clear(),
            Event::End(TagEnd::Paragraph) => o.paragraphs.push(text_buf.trim().to_owned()),
            Event::End(TagEnd::TableCell) => row.push(text_buf.trim().to_owned()),
            Event::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => o.rows.push(row.clone()),
            Event::Start(Tag::Table(_)) | Event::End(TagEnd::Table) | Event::Rule => {}
            Event::Text(t) => text_buf.push_str(&t),
            other => leaks.push(format!("{other:?}")),
        }
    }
    (o, leaks)
}

/// The elements an HTML export is made of; any other came from an article's text.
const PAGE_ELEMENTS: &[&str] = &[
    "html", "head", "body", "meta", "title", "style", "nav", "ol", "li", "a", "article", "h1",
    "h2", "div", "p", "section", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
];

/// An HTML page read by html5ever (through scraper): the outline of its articles, its parse
/// errors, and every element lede does not write.
pub fn html(text: &str) -> (Outline, Vec<String>) {
    let page = Html::parse_document(text);
    let mut problems: Vec<String> = page
        .errors
        .iter()
        .map(|e| format!("parse error: {e}"))
        .collect();
    for node in page.tree.nodes() {
        if let Some(element) = node.value().as_element() {
            if !PAGE_ELEMENTS.contains(&element.name()) {
                problems.push(format!("element <{}>", element.name()));
            }
        }
    }
    let select = |s: &str| Selector::parse(s).unwrap();
    let mut o = Outline::default();
    for heading in page.select(&select("article h1, article h2")) {
        let level = if heading.value().name() == "h1" { 1 } else { 2 };
        o.headings.push((level, text_of(heading)));
    }
    for row in page.select(&select("article tr")) {
        o.rows
            .push(row.select(&select("th, td")).map(text_of).collect());
    }
    o.questions = page
        .select(&select("article summary"))
        .map(text_of)
        .collect();
    o.paragraphs = page.select(&select("article p")).map(text_of).collect();
    // every link of a table of contents goes to an element of the page
    for link in page.select(&select("nav a")) {
        let href = link.value().attr("href").unwrap_or("");
        let id = href.strip_prefix('#').unwrap_or(href);
        let target = Selector::parse(&format!("[id=\"{id}\"]")).unwrap();
        if page.select(&target).next().is_none() {
            problems.push(format!("a link to {href} that is not in the page"));
        }
    }
    (o, problems)
}

fn text_of(element: ElementRef) -> String {
    element.text().collect::<String>().trim().to_owned()
}

/// An XHTML chapter of an EPUB, read by a strict XML parser: its outline (the FAQ's
/// questions are `<h3>`s), or why it is not well-formed.
pub fn xhtml(text: &str) -> Result<Outline, String> {
    let doc = xml(text).map_err(|e| e.to_string())?;
    let mut o = Outline::default();
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "h1" => o.headings.push((1, xml_text(node))),
            "h2" => o.headings.push((2, xml_text(node))),
            "h3" => o.questions.push(xml_text(node)),
            "p" => o.paragraphs.push(xml_text(node)),
            "tr" => o.rows.push(
                node.children()
                    .filter(|c| matches!(c.tag_name().name(), "th" | "td"))
                    .map(xml_text)
                    .collect(),
            ),
            _ => {}
        }
    }
    Ok(o)
}

/// The text of an XML element and all it holds, trimmed.
pub fn xml_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A strict XML parse that takes the `<!DOCTYPE html>` an XHTML document starts with.
pub fn xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
}
