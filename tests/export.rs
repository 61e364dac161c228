//! `lede export` from the outside: Markdown read back by a CommonMark parser, HTML by an
//! HTML5 parser (and a real browser when there is one), EPUB unzipped and read by a strict
//! XML parser (and epubcheck when it is installed); the library's selections, the
//! read state, the output file, and the one-line errors.

#[allow(dead_code)]
mod common;
#[path = "export/outline.rs"]
mod outline;
#[path = "export/tools.rs"]
mod tools;

use common::env::{one_line_error, run, Env};
use lede::article::{load, Article, Source};
use outline::{expected, Outline};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> PathBuf {
    root().join("assets/000_addf95f289c0a8cc.txt")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Every article the tests of the format have: the samples and the parser's and hardening
/// fixtures (hostile text among them).
fn every_article() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for folder in ["assets", "tests/fixtures", "tests/fixtures/hardening"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    assert!(paths.len() > 30, "{paths:?}");
    paths
}

fn model(path: &Path) -> Article {
    load(&Source::File(path.to_path_buf())).unwrap().article
}

/// `lede export ARGS` to standard output, which must succeed.
fn export(env: &Env, args: &[&std::ffi::OsStr]) -> String {
    let r = run(env.lede().arg("export").args(args));
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    r.stdout
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

// Markdown

#[test]
fn markdown_read_by_commonmark_has_the_articles_headings_rows_questions_and_paragraphs() {
    let env = Env::new();
    for path in every_article() {
        let md = export(&env, &[path.as_os_str(), os("--to"), os("md")]);
        let (got, leaks) = outline::markdown(&md);
        assert_eq!(leaks, Vec::<String>::new(), "{}:\n{md}", path.display());
        assert_eq!(got, expected(&model(&path)), "{}:\n{md}", path.display());
    }
}

#[test]
fn markdown_of_hostile_text_is_the_same_words_and_no_markup() {
    let env = Env::new();
    let md = export(
        &env,
        &[fixture("markup.txt").as_os_str(), os("--to"), os("md")],
    );
    let (got, leaks) = outline::markdown(&md);
    assert!(leaks.is_empty(), "{leaks:?}");
    assert_eq!(
        got.headings[0].1,
        "Tax & <Spending> Plan \"Approved\" — 5 > 3"
    );
    assert_eq!(got.headings[1].1, "1. # The <b>Vote</b> & After");
    assert_eq!(
        got.rows[2],
        ["2", "A point with a | pipe inside and a \\| escaped one."]
    );
    assert_eq!(got.questions[0], "Is <script>alert(\"faq\")</script> run?");
    assert!(got.paragraphs[0].contains("*finally* | __done__ `code` [a link](javascript:alert(1))"));
    // the escapes and direction marks the file held were dropped when it was read
    assert!(!md.contains(['\u{1b}', '\u{7}', '\u{202e}', '\u{202c}']));
}

#[test]
fn several_articles_are_one_markdown_document_in_the_order_given() {
    let env = Env::new();
    let paths = [seed(), fixture("unicode.txt"), fixture("markup.txt")];
    let mut args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    args.extend([os("--to"), os("markdown")]);
    let (got, leaks) = outline::markdown(&export(&env, &args));
    assert!(leaks.is_empty(), "{leaks:?}");
    let mut want = Outline::default();
    for path in &paths {
        want.extend(expected(&model(path)));
    }
    assert_eq!(got, want);
}

// HTML

#[test]
fn html_read_by_an_html5_parser_has_the_articles_outline_and_nothing_else() {
    let env = Env::new();
    for path in every_article() {
        let page = export(&env, &[path.as_os_str(), os("--to"), os("html")]);
        let (got, problems) = outline::html(&page);
        assert_eq!(problems, Vec::<String>::new(), "{}", path.display());
        let mut want = expected(&model(&path));
        // the FAQ's questions are the <summary> of each <details>
        want.questions = model(&path)
            .faq
            .iter()
            .map(|e| e.question.trim().to_owned())
            .collect();
        assert_eq!(got, want, "{}", path.display());
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\""), "{page}");
    }
}

#[test]
fn an_html_page_is_self_contained_light_and_dark_and_fits_a_phone() {
    let env = Env::new();
    let page = export(&env, &[seed().as_os_str(), os("--to"), os("html")]);
    assert!(
        page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    );
    assert!(page.contains("@media (prefers-color-scheme:dark)"));
    assert!(page.contains("<style>"));
    // nothing is fetched: no stylesheet, script, image or font from anywhere
    for outside in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!page.contains(outside), "{outside}");
    }
    let html = scraper::Html::parse_document(&page);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let toc: Vec<String> = html
        .select(&select("article nav.toc a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(toc.len(), 5 + 3, "{toc:?}");
    assert_eq!(toc[0], "1. Context of the Meeting");
    assert_eq!(
        html.select(&select("details > summary")).count(),
        model(&seed()).faq.len()
    );
    assert_eq!(html.select(&select("table tbody tr")).count(), 5);
    assert_eq!(
        html.select(&select("title"))
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        model(&seed()).title
    );
}

#[test]
fn html_of_hostile_text_is_text() {
    let env = Env::new();
    for name in ["markup.txt", "control_chars.txt"] {
        let page = export(&env, &[fixture(name).as_os_str(), os("--to"), os("html")]);
        let (got, problems) = outline::html(&page);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert!(
            !page.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{202c}']),
            "{name}"
        );
        if name == "markup.txt" {
            assert_eq!(
                got.headings[0].1,
                "Tax & <Spending> Plan \"Approved\" — 5 > 3"
            );
            assert!(got.rows[1][1].contains("<script>alert(\"point\")</script>"));
            assert!(got.paragraphs[0]
                .contains("<img src=x onerror=alert(1)> &amp; &lt;b&gt; ]]> <!-- hidden -->"));
            assert!(page.contains("&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;"));
        }
    }
}

#[test]
fn several_files_make_one_page_with_each_article_and_a_list_of_them() {
    let env = Env::new();
    let paths = [seed(), fixture("unicode.txt"), fixture("markup.txt")];
    let mut args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    args.extend([os("--to"), os("html")]);
    let page = export(&env, &args);
    let (got, problems) = outline::html(&page);
    assert!(problems.is_empty(), "{problems:?}");
    let html = scraper::Html::parse_document(&page);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let listed: Vec<(String, String)> = html
        .select(&select("nav#contents a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect(),
            )
        })
        .collect();
    let titles: Vec<String> = paths.iter().map(|p| model(p).title).collect();
    assert_eq!(
        listed,
        titles
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("#a{}", i + 1), t.clone()))
            .collect::<Vec<_>>()
    );
    let langs: Vec<&str> = html
        .select(&select("article"))
        .map(|a| a.value().attr("lang").unwrap())
        .collect();
    assert_eq!(langs, ["en", "ja", "en"]);
    assert_eq!(got.headings.iter().filter(|(l, _)| *l == 1).count(), 3);
}

#[test]
fn a_browser_renders_the_page_and_runs_nothing_from_the_article() {
    let browser = match tools::chromium() {
        Ok(browser) => browser,
        Err(why) => return tools::skipped("the headless browser check", &why),
    };
    let env = Env::new();
    let page = env.dir.path().join("page.html");
    let r = run(env
        .lede()
        .args(["export", "--to", "html", "-o"])
        .arg(&page)
        .arg(fixture("markup.txt"))
        .arg(seed()));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let dom = tools::rendered_dom(&browser, &page, &env.dir.path().join("profile"));
    let rendered = scraper::Html::parse_document(&dom);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    // a script from the article would have retitled the page, and would be in the DOM
    let title: String = rendered
        .select(&select("title"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(
        title,
        "Tax & <Spending> Plan \"Approved\" — 5 > 3 and 1 more"
    );
    for element in ["script", "img", "b", "em", "br"] {
        assert_eq!(
            rendered.select(&select(element)).count(),
            0,
            "<{element}> in {dom}"
        );
    }
    let (got, _) = outline::html(&dom);
    let mut want = Outline::default();
    for path in [fixture("markup.txt"), seed()] {
        let a = model(&path);
        let mut o = expected(&a);
        o.questions = a.faq.iter().map(|e| e.question.trim().to_owned()).collect();
        want.extend(o);
    }
    assert_eq!(got, want);
}

// EPUB

/// An EPUB's files by name, and its raw bytes.
struct Book {
    bytes: Vec<u8>,
    names: Vec<String>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap();
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let names = zip
            .file_names()
            .map(|name| name.unwrap().into_owned())
            .collect();
        Book { bytes, names }
    }

    fn text(&self, name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&self.bytes)).unwrap();
        let mut file = zip
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the book"));
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        text
    }

    /// The package document's manifest (id, href, properties) and spine (idrefs).
    fn package(&self) -> (Vec<(String, String, String)>, Vec<String>, String) {
        let opf = self.text("OEBPS/content.opf");
        let doc = roxmltree::Document::parse(&opf).unwrap();
        let manifest = doc
            .descendants()
            .filter(|n| n.has_tag_name("item"))
            .map(|n| {
                let attr = |a| n.attribute(a).unwrap_or("").to_owned();
                (attr("id"), attr("href"), attr("properties"))
            })
            .collect();
        let spine = doc
            .descendants()
            .filter(|n| n.has_tag_name("itemref"))
            .map(|n| n.attribute("idref").unwrap().to_owned())
            .collect();
        (manifest, spine, opf)
    }
}

/// `lede export ARGS --to epub -o BOOK` in `env`; the book.
fn make_epub(env: &Env, args: &[&std::ffi::OsStr], name: &str) -> (PathBuf, Book) {
    let path = env.dir.path().join(name);
    let r = run(env
        .lede()
        .arg("export")
        .args(args)
        .args(["--to", "epub", "-o"])
        .arg(&path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let book = Book::open(&path);
    (path, book)
}

#[test]
fn an_epub_is_a_zip_with_the_mimetype_first_and_a_package_that_names_every_file() {
    let env = Env::new();
    let (_, book) = make_epub(&env, &[seed().as_os_str()], "seed.epub");
    // the mimetype first, stored, with no extra field: its bytes at a fixed place
    assert_eq!(&book.bytes[..4], b"PK\x03\x04");
    assert_eq!(&book.bytes[8..10], &[0, 0], "stored, not compressed");
    assert_eq!(&book.bytes[28..30], &[0, 0], "no extra field");
    assert_eq!(&book.bytes[30..58], b"mimetypeapplication/epub+zip");
    assert_eq!(book.names[0], "mimetype");
    let container = book.text("META-INF/container.xml");
    let container = roxmltree::Document::parse(&container).unwrap();
    let rootfile = container
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .unwrap();
    assert_eq!(rootfile.attribute("full-path"), Some("OEBPS/content.opf"));
    let (manifest, spine, opf) = book.package();
    let mut listed: Vec<String> = manifest
        .iter()
        .map(|(_, href, _)| format!("OEBPS/{href}"))
        .collect();
    listed.sort();
    let mut in_zip: Vec<String> = book
        .names
        .iter()
        .filter(|n| n.starts_with("OEBPS/") && *n != "OEBPS/content.opf")
        .cloned()
        .collect();
    in_zip.sort();
    assert_eq!(listed, in_zip);
    assert!(manifest
        .iter()
        .any(|(_, href, props)| href == "nav.xhtml" && props == "nav"));
    assert_eq!(spine, ["a1"]);
    let doc = roxmltree::Document::parse(&opf).unwrap();
    let meta = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(meta("title"), model(&seed()).title);
    assert_eq!(meta("language"), "en");
    let id = meta("identifier");
    assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
    let modified = doc
        .descendants()
        .find(|n| n.attribute("property") == Some("dcterms:modified"))
        .and_then(|n| n.text())
        .unwrap();
    assert_eq!(modified.len(), 20, "{modified}");
    assert!(
        modified.ends_with('Z') && &modified[10..11] == "T",
        "{modified}"
    );
    // the same article makes the same book, to its identifier
    let (_, again) = make_epub(&env, &[seed().as_os_str()], "again.epub");
    assert!(again.package().2.contains(&id));
}

#[test]
fn each_chapter_is_well_formed_xhtml_with_the_articles_outline() {
    let env = Env::new();
    let paths = every_article();
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    let (_, book) = make_epub(&env, &args, "all.epub");
    for (i, path) in paths.iter().enumerate() {
        let name = format!("OEBPS/a{:05}.xhtml", i + 1);
        let chapter = book.text(&name);
        let got = outline::xhtml(&chapter).unwrap_or_else(|e| panic!("{name}: {e}\n{chapter}"));
        assert_eq!(got, expected(&model(path)), "{}", path.display());
        assert!(
            !chapter.contains(['\u{1b}', '\u{202e}', '\u{fffe}']),
            "{name}"
        );
    }
    let unicode = paths
        .iter()
        .position(|p| p.ends_with("unicode.txt"))
        .unwrap();
    let chapter = book.text(&format!("OEBPS/a{:05}.xhtml", unicode + 1));
    assert!(chapter.contains("lang=\"ja\" xml:lang=\"ja\""), "{chapter}");
}

#[test]
fn the_navigation_lists_the_articles_and_their_sections() {
    let env = Env::new();
    let paths = [
        seed(),
        fixture("orphan_entry.txt"),
        fixture("missing_everything.txt"),
    ];
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    let (_, book) = make_epub(&env, &args, "three.epub");
    let nav = book.text("OEBPS/nav.xhtml");
    let doc = outline::xml(&nav).unwrap();
    let toc = doc.descendants().find(|n| n.has_tag_name("nav")).unwrap();
    assert_eq!(
        toc.attribute(("http://www.idpf.org/2007/ops", "type")),
        Some("toc")
    );
    let links: Vec<(String, String)> = toc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            (
                a.attribute("href").unwrap().to_owned(),
                outline::xml_text(a),
            )
        })
        .collect();
    let mut want = vec![(
        "contents.xhtml".to_owned(),
        "The articles and their key points".to_owned(),
    )];
    for (i, path) in paths.iter().enumerate() {
        let a = model(path);
        let file = format!("a{:05}.xhtml", i + 1);
        want.push((file.clone(), a.title.clone()));
        for (j, s) in a.sections.iter().enumerate() {
            want.push((
                format!("{file}#s{}", j + 1),
                format!("{}. {}", j + 1, s.heading),
            ));
        }
    }
    assert_eq!(links, want);
    let (_, spine, _) = book.package();
    assert_eq!(spine, ["contents", "a1", "a2", "a3"]);
}

#[test]
fn the_contents_page_lists_each_article_with_its_key_points() {
    let env = Env::new();
    let paths = [seed(), fixture("missing_tables.txt"), fixture("markup.txt")];
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    let (_, book) = make_epub(&env, &args, "contents.epub");
    let page = book.text("OEBPS/contents.xhtml");
    let doc = outline::xml(&page).unwrap();
    let mut got: Vec<(String, Vec<String>)> = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "h2" => got.push((outline::xml_text(node), Vec::new())),
            "li" => got.last_mut().unwrap().1.push(outline::xml_text(node)),
            _ => {}
        }
    }
    let want: Vec<(String, Vec<String>)> = paths
        .iter()
        .map(|p| {
            let a = model(p);
            (a.title, a.key_points)
        })
        .collect();
    assert_eq!(got, want);
    assert!(page.contains("3 articles"), "{page}");
}

#[test]
fn epubcheck_passes_the_seed() {
    let env = Env::new();
    let (path, _) = make_epub(&env, &[seed().as_os_str()], "seed.epub");
    tools::check_epub(&path, "the seed");
}

#[test]
fn epubcheck_passes_a_book_of_every_fixture_hostile_ones_too() {
    let env = Env::new();
    let paths = every_article();
    let args: Vec<&std::ffi::OsStr> = paths.iter().map(|p| p.as_os_str()).collect();
    let (path, _) = make_epub(&env, &args, "fixtures.epub");
    tools::check_epub(&path, "every fixture");
    let (path, _) = make_epub(&env, &[fixture("markup.txt").as_os_str()], "markup.epub");
    tools::check_epub(&path, "the markup fixture alone");
}

/// A library of `n` articles like the seed, by the shared generator when python3 is there,
/// else by [`article_text`].
fn generated_library(env: &Env, n: usize) -> PathBuf {
    let lib = env.dir.path().join("lib");
    let generator = root().join("../shared/tools/gen_articles.py");
    match tools::which("python3").filter(|_| generator.is_file()) {
        Some(python) => {
            let made = std::process::Command::new(python)
                .arg(&generator)
                .arg("library")
                .arg(&lib)
                .arg(n.to_string())
                .status()
                .unwrap();
            assert!(made.success());
        }
        None => {
            tools::skipped(
                "the shared article generator",
                "no python3 or no ../shared/tools/gen_articles.py: small articles of the test's own",
            );
            std::fs::create_dir_all(&lib).unwrap();
            for i in 0..n {
                std::fs::write(lib.join(format!("{i:05}.txt")), article_text(i, "news")).unwrap();
            }
        }
    }
    lib
}

#[test]
fn epubcheck_passes_a_paper_of_500_articles() {
    let env = Env::new();
    let lib = generated_library(&env, 500);
    let path = env.dir.path().join("paper.epub");
    let r = run(env
        .lede()
        .args(["export", "--library"])
        .arg(&lib)
        .args(["--to", "epub", "-o"])
        .arg(&path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let book = Book::open(&path);
    let (_, spine, opf) = book.package();
    assert_eq!(spine.len(), 501);
    assert!(opf.contains("<dc:title>The paper of "), "{opf}");
    let contents = book.text("OEBPS/contents.xhtml");
    assert_eq!(contents.matches("<h2>").count(), 500);
    let points: usize = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| model(&e.unwrap().path()).key_points.len())
        .sum();
    assert_eq!(contents.matches("<li>").count(), points);
    tools::check_epub(&path, "a 500-article paper");
}

// The day's paper: the library, filtered

/// A small article whose title and words are its own.
fn article_text(n: usize, word: &str) -> String {
    format!(
        "Story {n} about {word}\nThe council met on day {n} to talk about {word} and other matters of the town.\nArticle Subheadings |\n---|\n1) The Talk |\nThe Talk\nThey talked about {word} for an hour.\nNo. | Key Points |\n---|---|\n1 | Point {n} on {word}. |\n"
    )
}

/// A library folder of articles, the first the oldest, an hour apart.
fn library(env: &Env, words: &[&str]) -> PathBuf {
    let lib = env.dir.path().join("lib");
    std::fs::create_dir_all(lib.join("sub")).unwrap();
    let start = SystemTime::now() - Duration::from_secs(3600 * (words.len() as u64 + 1));
    for (i, word) in words.iter().enumerate() {
        let path = if i % 2 == 0 {
            lib.join(format!("{i:02}.txt"))
        } else {
            lib.join("sub").join(format!("{i:02}.txt"))
        };
        std::fs::write(&path, article_text(i, word)).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(start + Duration::from_secs(3600 * i as u64))
            .unwrap();
    }
    lib
}

/// The time `secs` ago, as `--since` takes it.
fn ago(secs: i64) -> String {
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    lede::store::time::rfc3339(now - secs)
}

/// The titles of a Markdown export, in order.
fn titles(md: &str) -> Vec<String> {
    outline::markdown(md)
        .0
        .headings
        .into_iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn the_library_is_exported_newest_first() {
    let env = Env::new();
    let lib = library(&env, &["coral", "ferries", "bakery"]);
    let md = export(
        &env,
        &[os("--library"), lib.as_os_str(), os("--to"), os("md")],
    );
    assert_eq!(
        titles(&md),
        [
            "Story 2 about bakery",
            "Story 1 about ferries",
            "Story 0 about coral"
        ]
    );
    // LEDE_LIBRARY as the rest of lede takes it, `--library` alone asking for it
    let r = run(env
        .lede()
        .env("LEDE_LIBRARY", &lib)
        .args(["export", "--library", "--to", "md"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, md);
    // and a folder named is walked the same way
    let r = run(env.lede().arg("export").arg(&lib).args(["--to", "md"]));
    assert_eq!(r.stdout, md);
}

#[test]
fn the_config_library_and_the_samples_are_the_library_when_nothing_else_is() {
    let env = Env::new();
    let lib = library(&env, &["coral"]);
    std::fs::write(
        env.dir.path().join("config/config.toml"),
        format!("library = [{:?}]\n", lib.display().to_string()),
    )
    .unwrap();
    let md = export(&env, &[os("--to"), os("md")]);
    assert_eq!(titles(&md), ["Story 0 about coral"]);
    std::fs::remove_file(env.dir.path().join("config/config.toml")).unwrap();
    let r = run(env.lede().args(["export", "--to", "md"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("the bundled samples"), "{}", r.stderr);
    assert_eq!(titles(&r.stdout).len(), lede::samples::SAMPLES.len());
}

#[test]
fn since_takes_the_files_changed_since_a_date() {
    let env = Env::new();
    let lib = library(&env, &["coral", "ferries", "bakery", "harbour"]);
    let since = ago(3 * 3600 + 60);
    let md = export(
        &env,
        &[
            os("--library"),
            lib.as_os_str(),
            os("--since"),
            os(&since),
            os("--to"),
            os("md"),
        ],
    );
    assert_eq!(
        titles(&md),
        ["Story 3 about harbour", "Story 2 about bakery"]
    );
    let md = export(
        &env,
        &[
            os("--library"),
            lib.as_os_str(),
            os("--since"),
            os("150min"),
            os("--to"),
            os("md"),
        ],
    );
    assert_eq!(titles(&md), ["Story 3 about harbour"]);
    let r = run(env.lede().args(["export", "--library"]).arg(&lib).args([
        "--since",
        "next tuesday",
        "--to",
        "md",
    ]));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("not a date"), "{}", r.stderr);
}

#[test]
fn search_takes_the_articles_with_every_word() {
    let env = Env::new();
    let lib = library(
        &env,
        &["coral reef", "ferries", "coral bleaching", "bakery"],
    );
    let md = export(
        &env,
        &[
            os("--library"),
            lib.as_os_str(),
            os("--search"),
            os("coral"),
            os("--to"),
            os("md"),
        ],
    );
    assert_eq!(
        titles(&md),
        ["Story 2 about coral bleaching", "Story 0 about coral reef"]
    );
    let md = export(
        &env,
        &[
            os("--library"),
            lib.as_os_str(),
            os("--search"),
            os("coral reef"),
            os("--to"),
            os("md"),
        ],
    );
    assert_eq!(titles(&md), ["Story 0 about coral reef"]);
    // files named are searched too
    let r = run(env
        .lede()
        .arg("export")
        .arg(lib.join("00.txt"))
        .arg(lib.join("sub/01.txt"))
        .args(["--search", "ferries", "--to", "md"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(titles(&r.stdout), ["Story 1 about ferries"]);
    let r = run(env
        .lede()
        .args(["export", "--library"])
        .arg(&lib)
        .args(["--search", "zebra", "--to", "md"]));
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "lede: nothing to export: no article matched\n");
}

#[test]
fn mark_read_marks_what_was_written_and_unread_leaves_it_out() {
    let env = Env::new();
    let lib = library(&env, &["coral", "ferries", "bakery"]);
    let paper = env.dir.path().join("paper.epub");
    let r = run(env
        .lede()
        .args(["export", "--library"])
        .arg(&lib)
        .args([
            "--since",
            &ago(3 * 3600 + 60),
            "--mark-read",
            "--to",
            "epub",
            "-o",
        ])
        .arg(&paper));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(Book::open(&paper).package().1, ["contents", "a1", "a2"]);
    let md = export(
        &env,
        &[
            os("--library"),
            lib.as_os_str(),
            os("--unread"),
            os("--to"),
            os("md"),
        ],
    );
    assert_eq!(titles(&md), ["Story 0 about coral"]);
    // the store says so too, as the library screen will show it
    let store = lede::store::Store::open_in(&env.dir.path().join("data/lede"))
        .store
        .unwrap();
    let read: Vec<String> = store
        .articles()
        .unwrap()
        .into_iter()
        .filter(|a| a.state() == lede::store::ReadState::Read)
        .map(|a| a.title)
        .collect();
    assert_eq!(read.len(), 2, "{read:?}");
    // with every article read, nothing is left, and nothing is written
    let r = run(env.lede().args(["export", "--library"]).arg(&lib).args([
        "--unread",
        "--mark-read",
        "--to",
        "md",
    ]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = run(env
        .lede()
        .args(["export", "--library"])
        .arg(&lib)
        .args(["--unread", "--to", "epub", "-o"])
        .arg(env.dir.path().join("empty.epub")));
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stderr, "lede: nothing to export: no article matched\n");
    assert!(!env.dir.path().join("empty.epub").exists());
}

#[test]
fn a_library_file_that_is_not_an_article_is_said_and_the_rest_exported() {
    let env = Env::new();
    let lib = library(&env, &["coral"]);
    std::fs::write(lib.join("empty.txt"), "").unwrap();
    let r = run(env
        .lede()
        .args(["export", "--library"])
        .arg(&lib)
        .args(["--to", "md"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(titles(&r.stdout), ["Story 0 about coral"]);
    assert!(
        r.stderr
            .contains("empty.txt: empty file, no article in it; not exported"),
        "{}",
        r.stderr
    );
}

// Where it goes, and what goes wrong

#[test]
fn the_form_comes_from_the_output_name_when_not_given() {
    let env = Env::new();
    for (name, start) in [
        ("a.md", &b"# In a significant"[..]),
        ("a.HTML", b"<!DOCTYPE html>"),
        ("a.epub", b"PK\x03\x04"),
    ] {
        let out = env.dir.path().join(name);
        let r = run(env.lede().arg("export").arg(seed()).arg("-o").arg(&out));
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        assert!(std::fs::read(&out).unwrap().starts_with(start), "{name}");
    }
    let r = run(env
        .lede()
        .arg("export")
        .arg(seed())
        .arg("-o")
        .arg(env.dir.path().join("a.txt")));
    assert_eq!(r.code, Some(2));
    assert_eq!(
        r.stderr,
        "lede: export: which form? --to md, --to html or --to epub\n"
    );
}

#[test]
fn an_epub_goes_to_standard_output_when_it_is_not_a_terminal() {
    let env = Env::new();
    let r = env
        .lede()
        .arg("export")
        .arg(seed())
        .args(["--to", "epub"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    let path = env.file("piped.epub", &r.stdout);
    let (_, spine, _) = Book::open(&path).package();
    assert_eq!(spine, ["a1"]);
}

#[test]
fn standard_input_is_an_article_too() {
    let env = Env::new();
    let text = std::fs::read(seed()).unwrap();
    let r = env
        .lede()
        .args(["export", "-", "--to", "md"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    let (got, _) = outline::markdown(&String::from_utf8(r.stdout).unwrap());
    assert_eq!(got, expected(&model(&seed())));
}

#[test]
fn a_file_that_is_not_an_article_is_one_line_naming_it_and_nothing_is_written() {
    let env = Env::new();
    let empty = env.file("empty.txt", b"");
    let binary = env.file(
        "blob.txt",
        &[0u8, 1, 2, 3, 255, 254, 0, 0, 7, 8].repeat(100),
    );
    let missing = env.dir.path().join("missing.txt");
    for form in ["md", "html", "epub"] {
        for (path, reason) in [
            (&missing, "no such file"),
            (&empty, "empty file"),
            (&binary, "binary data"),
        ] {
            let out = env.dir.path().join(format!("out.{form}"));
            one_line_error(
                env.lede()
                    .arg("export")
                    .arg(path)
                    .args(["--to", form, "-o"])
                    .arg(&out),
                &[&path.file_name().unwrap().to_string_lossy(), reason],
            );
            assert!(!out.exists(), "{form}");
            one_line_error(
                env.lede()
                    .arg("export")
                    .arg(path)
                    .args(["--to", form, "-o", "-"]),
                &[reason],
            );
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn of_several_files_those_that_load_are_written_and_the_rest_said() {
    let env = Env::new();
    let out = env.dir.path().join("two.epub");
    let r = run(env
        .lede()
        .arg("export")
        .arg(seed())
        .arg(env.dir.path().join("gone.txt"))
        .arg(fixture("unicode.txt"))
        .args(["--to", "epub", "-o"])
        .arg(&out));
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("gone.txt: no such file"), "{}", r.stderr);
    assert_eq!(Book::open(&out).package().1, ["contents", "a1", "a2"]);
}

#[test]
fn a_failed_export_leaves_the_old_file_as_it_was() {
    let env = Env::new();
    let out = env.file("paper.md", b"yesterday's paper\n");
    let r = run(env
        .lede()
        .arg("export")
        .arg(env.dir.path().join("gone.txt"))
        .arg("-o")
        .arg(&out));
    assert_eq!(r.code, Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), b"yesterday's paper\n");
    // a folder that is not there, or one that is a file, is said in one line
    one_line_error(
        env.lede()
            .arg("export")
            .arg(seed())
            .arg("-o")
            .arg(env.dir.path().join("no/such/folder/a.md")),
        &["a.md: cannot write: no such folder"],
    );
    let r = run(env
        .lede()
        .arg("export")
        .arg(seed())
        .args(["--to", "md", "-o"])
        .arg(env.dir.path()));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("a folder; -o names the file to write"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_written_file_has_the_permissions_a_new_file_gets() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let out = env.dir.path().join("a.md");
    let r = run(env.lede().arg("export").arg(seed()).arg("-o").arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let plain = env.file("plain", b"");
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777
    );
}

#[test]
fn a_terminal_gets_no_export_it_did_not_ask_for() {
    use common::pty::{repo_root, Lede};
    let seed = seed();
    let seed = seed.to_str().unwrap();
    for (args, said) in [
        (
            vec!["export", seed, "--to", "md"],
            "lede: export: standard output is a terminal: -o FILE.md says where to write (-o - writes here)",
        ),
        (
            vec!["export", seed, "--to", "epub"],
            "lede: export: standard output is a terminal: -o FILE.epub says where to write",
        ),
        (
            vec!["export", seed, "--to", "epub", "-o", "-"],
            "lede: export: an EPUB is not for a terminal: -o FILE.epub, or redirect standard output",
        ),
    ] {
        let mut lede = Lede::spawn_in(repo_root(), 120, 10, &args);
        let status = lede.wait_exit();
        assert_eq!(status.exit_code(), 2, "{args:?}");
        let screen = lede.term().screen().contents();
        assert_eq!(screen.trim(), said, "{args:?}");
    }
    // asked for, it is written there
    let mut lede = Lede::spawn_in(
        repo_root(),
        120,
        10,
        &["export", seed, "--to", "md", "-o", "-"],
    );
    assert_eq!(lede.wait_exit().exit_code(), 0);
    let printed = String::from_utf8_lossy(&lede.term().output).into_owned();
    assert!(
        printed.contains("## Frequently Asked Questions"),
        "{printed}"
    );
}

#[test]
fn a_json_article_exports_as_its_text_does() {
    let env = Env::new();
    let json = run(env.lede().arg("parse").arg(fixture("markup.txt")));
    let json = env.file("markup.json", json.stdout.as_bytes());
    for form in ["md", "html"] {
        let from_text = export(
            &env,
            &[fixture("markup.txt").as_os_str(), os("--to"), os(form)],
        );
        let from_json = export(&env, &[json.as_os_str(), os("--to"), os(form)]);
        assert_eq!(from_json, from_text, "{form}");
    }
}

/// The highlights of an article, marked in its chapter: `<mark>`, the note's number linked
/// to the notes after it; the book still passes epubcheck.
#[test]
fn an_epub_marks_highlights_and_still_passes_epubcheck() {
    use lede::article::document::{Document, Origin};
    use lede::article::layout::Anchor;
    use lede::article::passage::{Passage, Range};
    let env = Env::new();
    let seed = seed();
    let opened = lede::article::open_limited(&Source::File(seed.clone()), 1 << 30).unwrap();
    {
        let dir = env.dir.path().join("data/lede");
        let mut store = lede::store::Store::open_in(&dir).store.expect("a store");
        let doc: &Document = &opened.doc;
        let block = doc
            .blocks()
            .position(|b| b.origin == Origin::SectionParagraph(1, 0))
            .unwrap();
        let words = "During the meeting,";
        let at = doc.text(block).find(words).unwrap();
        let range = Range {
            start: Anchor { block, byte: at },
            end: Anchor {
                block,
                byte: at + words.len(),
            },
        };
        let seen = lede::store::Seen {
            identity: opened.identity.clone(),
            title: opened.article.title.clone(),
            path: None,
            words: doc.total_words(),
        };
        let passage = Passage::of(doc, range).unwrap();
        store
            .add_highlight(&seen, &passage, "who & <why>", 1)
            .unwrap();
    }
    let path = env.dir.path().join("marked.epub");
    let r = run(env
        .lede()
        .arg("export")
        .arg(&seed)
        .args(["--highlights", "--to", "epub", "-o"])
        .arg(&path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let book = Book::open(&path);
    let chapter = book
        .names
        .iter()
        .find(|n| n.ends_with(".xhtml") && book.text(n).contains("During the meeting"))
        .expect("the chapter")
        .clone();
    let text = book.text(&chapter);
    assert!(
        text.contains("<mark>During the meeting,</mark><sup><a href=\"#note-1\">1</a></sup>"),
        "{text}"
    );
    assert!(
        text.contains("<li id=\"note-1\">who &amp; &lt;why&gt;</li>"),
        "{text}"
    );
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&text, options)
        .expect("the chapter is well-formed XML");
    tools::check_epub(&path, "a book with a highlight");
}
