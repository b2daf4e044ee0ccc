//! The page itself: its messages, whether it presents or is embedded, and printing.

use std::ops::Deref;

use crate::scenario::link::EmbedView;

/// The most messages kept on the page: older ones have been seen.
pub const MAX_NOTICES: usize = 6;

/// A message shown to the user, e.g. about a link or file that could not be read fully.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

/// The page's messages, newest last, never more than [`MAX_NOTICES`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices(Vec<Notice>);

impl Notices {
    pub fn push(&mut self, error: bool, text: impl Into<String>) {
        self.0.push(Notice {
            error,
            text: text.into(),
        });
        let excess = self.0.len().saturating_sub(MAX_NOTICES);
        self.0.drain(..excess);
    }

    fn dismiss(&mut self, index: usize) {
        if index < self.0.len() {
            self.0.remove(index);
        }
    }
}

impl Deref for Notices {
    type Target = [Notice];

    fn deref(&self) -> &[Notice] {
        &self.0
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Full-screen story: step `step` of the presets' story.
    Present {
        step: usize,
    },
    /// Minimal chrome for an iframe, showing one view.
    Embed {
        view: EmbedView,
    },
    /// Areas side by side, stage by stage (`view=compare&areas=…`): ids the index knows.
    Compare {
        areas: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PageState {
    pub notices: Notices,
    pub mode: Mode,
    /// True while the board paper is laid out for printing.
    pub print_paper: bool,
}

#[derive(Debug, Clone)]
pub enum PageAction {
    Notify(Notice),
    DismissNotice(usize),
    /// Present the story from this step (or the nearest the area shows); `None` ends it.
    Present(Option<usize>),
    /// Lay out the board paper and print it (true), or put it away after printing.
    PrintPaper(bool),
    /// Compare these areas side by side (the view opens or its list changes); `None`
    /// goes back to the page.
    Compare(Option<Vec<String>>),
}

impl Default for PageState {
    fn default() -> Self {
        PageState {
            notices: Notices::default(),
            mode: Mode::Normal,
            print_paper: false,
        }
    }
}

impl PageState {
    /// `story_steps`: the story's steps the current area shows, by index.
    pub fn apply(&mut self, action: PageAction, story_steps: &[usize]) {
        match action {
            PageAction::Notify(notice) => self.notices.push(notice.error, notice.text),
            PageAction::DismissNotice(index) => self.notices.dismiss(index),
            PageAction::Present(Some(step)) => self.present_at(step, story_steps),
            PageAction::Present(None) => self.mode = Mode::Normal,
            PageAction::PrintPaper(print) => self.print_paper = print,
            PageAction::Compare(Some(areas)) => self.mode = Mode::Compare { areas },
            PageAction::Compare(None) => self.mode = Mode::Normal,
        }
    }

    /// Presenting step `step`, or the nearest shown in this area (later first); back to
    /// the normal page, with a message, when the story has no step here.
    pub fn present_at(&mut self, step: usize, story_steps: &[usize]) {
        let chosen = story_steps
            .iter()
            .find(|&&i| i >= step)
            .or_else(|| story_steps.last())
            .copied();
        match chosen {
            Some(step) => self.mode = Mode::Present { step },
            None => {
                self.mode = Mode::Normal;
                self.notices
                    .push(true, "The presentation story has no step for this area.");
            }
        }
    }
}
