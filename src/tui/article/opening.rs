//! An article loaded to be read joins the open ones (or, with a library, takes the place of
//! the one read before) and shows where it was asked for: where it was left, at a bookmark, at
//! a search hit.

use super::reading::Reading;
use super::{ArticleLayer, Origin};
use crate::tui::context::Context;
use crate::tui::memory::{AfterLoad, Request};

impl ArticleLayer {
    /// An article loaded to be read: shown, where `then` says. With a library, it takes
    /// the place of the article read before; else it joins the open ones.
    pub fn open_loaded(&mut self, reading: Reading, then: AfterLoad, ctx: &mut Context) {
        // a file read again after the editor: the new text takes the old one's place
        if let AfterLoad::Reread(place) = then {
            let same_file = self
                .readings
                .iter()
                .position(|r| r.memory.seen.path == reading.memory.seen.path);
            let index = match same_file {
                Some(index) => {
                    self.readings[index] = reading;
                    index
                }
                None => {
                    self.readings.push(reading);
                    self.readings.len() - 1
                }
            };
            ctx.outbox
                .push(Request::Open(self.readings[index].memory.seen.clone()));
            self.show_article(index, ctx);
            self.settle_resume();
            if let Some(place) = place {
                self.go_to_place(&place, ctx);
            }
            ctx.notice = Some(format!("{} read again", self.reading().name));
            return;
        }
        // the same article from another file is another copy: the one asked for is shown
        let found = self.readings.iter().position(|r| {
            r.memory.fingerprint() == reading.memory.fingerprint()
                && r.memory.seen.path == reading.memory.seen.path
        });
        let index = match found {
            Some(index) => index,
            None => {
                ctx.outbox.push(Request::Open(reading.memory.seen.clone()));
                if self.origin == Origin::Library {
                    self.readings.clear();
                }
                self.readings.push(reading);
                self.readings.len() - 1
            }
        };
        self.show_article(index, ctx);
        ctx.notice = None;
        match then {
            AfterLoad::Resume => {}
            AfterLoad::Place(place) => self.go_to_place(&place, ctx),
            AfterLoad::Reread(_) => {}
            AfterLoad::Hit { part, query } => self.go_to_hit(part, query, ctx),
        }
    }

    /// A search hit opened: its part at the top, the query's matches lit, `n` going on.
    fn go_to_hit(&mut self, part: crate::library::HitPart, query: String, ctx: &mut Context) {
        use crate::article::document::Part;
        use crate::library::HitPart;
        self.settle_resume();
        let wanted = match part {
            HitPart::Section(i) => Some(Part::Section(i)),
            HitPart::KeyPoints => Some(Part::KeyPoints),
            HitPart::Summary => Some(Part::Summary),
            HitPart::Faq => Some(Part::Faq),
            HitPart::Title | HitPart::Lead => None,
        };
        match wanted.and_then(|p| self.reading().doc.outline.iter().position(|e| e.part == p)) {
            Some(entry) => self.jump(entry, ctx),
            None => self.reading_mut().top = 0,
        }
        let top = self.reading().top;
        self.run_search(&query, top, ctx);
    }
}
