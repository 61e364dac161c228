//! Everything a person can ask of the reader, as plain data.

/// One thing to do; keys and mouse events map to these, and `App::update` carries them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `q`: back out of the list, or quit from the article.
    Quit,
    /// `Q`: quit from anywhere.
    QuitAll,
    /// `Ctrl-Z`: give the terminal back to the shell until `fg`.
    Suspend,
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    /// Jump to section N (1-based, as numbered in the article's table).
    JumpToSection(usize),
    /// A digit typed in the reader: jumps to that section at once, and is the start of a
    /// count for the next key (`5j`, `50%`, `12` Enter).
    Digit(u8),
    /// Enter after a count: keep the section the digits jumped to.
    CountDone,
    /// `%` or `p`: N percent into the article (the count), as in less.
    Percent,
    /// `=` or `Ctrl-g`: the file, its size, the place and its words, as in less.
    FileInfo,
    /// `:`: a command typed by its name, in the status bar.
    CommandLine,
    /// `Tab` on the command line: complete the name or the argument.
    PromptComplete,
    /// A key config.toml bound to a command line (`"ctrl-t" = "theme light"`): the index of
    /// the line in the key map.
    RunBound(u16),
    NextSection,
    PreviousSection,
    FocusNext,
    FocusPrevious,
    SidebarDown,
    SidebarUp,
    SidebarTop,
    SidebarBottom,
    SidebarPageDown,
    SidebarPageUp,
    SidebarOpen,
    ToggleSidebar,
    ToggleKeyPoints,
    ToggleFaq,
    FaqToggleAnswer,
    /// `v`: the brief view (title, lead, key points, summary).
    ToggleBrief,
    /// Enter in the brief view: the section the selected key point summarises.
    BriefOpen,
    FaqToggleAll,
    SearchStart,
    SearchInput(char),
    SearchBackspace,
    /// Ctrl-w and Ctrl-u in the search prompt, as in a shell.
    SearchDeleteWord,
    SearchClear,
    /// Cursor keys in a line being typed (the search or a prompt).
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    DeleteForward,
    /// `Up` / `Down` in the search: older / newer searches.
    HistoryOlder,
    HistoryNewer,
    SearchSubmit,
    SearchNext,
    SearchPrevious,
    /// Open the next or previous of the articles given (`>` / `<`).
    NextArticle,
    PreviousArticle,
    ToggleHelp,
    /// `b`: bookmark the place at the top (or remove the bookmark there).
    ToggleBookmark,
    /// `m`: bookmark with a note typed in a prompt.
    BookmarkWithNote,
    NextBookmark,
    PreviousBookmark,
    /// `y`: copy the paragraph at the top (key point, FAQ answer) to the clipboard.
    Yank,
    /// `h`: start selecting words to highlight, at the first sentence of the paragraph at the
    /// top (in the key points or the FAQ: highlight the point or the answer whole).
    Highlight,
    /// `}` / `{`: the next or previous highlight.
    NextHighlight,
    PreviousHighlight,
    /// A selection's moving end, moved.
    Select(SelectStep),
    /// `1`-`4` while selecting: the highlight's colour.
    SelectColour(u8),
    /// Enter while selecting: save the highlight.
    SelectSave,
    /// `m` while selecting: save it with a note typed in a prompt.
    SelectNote,
    /// Esc while selecting: no highlight.
    SelectCancel,
    /// `T`: the article's tags, typed (Tab completes the tags used).
    Tag,
    /// `:new`: the library's articles new since it was last opened, or all again.
    ToggleNew,
    /// `F` in the library: the saved searches and tags, each with its unread count.
    OpenPicker,
    /// `e`: the article's file in `$VISUAL` or `$EDITOR`, at the paragraph at the top.
    Edit,
    /// `R` in the reader: the article's file read again, at the same place.
    Reload,
    /// `|`: the article (or the selection) piped to a shell command.
    Pipe,
    /// `r`: mark the article read or unread.
    ToggleRead,
    /// `B`: the list of every bookmark.
    OpenBookmarks,
    PromptInput(char),
    PromptBackspace,
    PromptDeleteWord,
    PromptClear,
    PromptSubmit,
    ListDown,
    ListUp,
    ListTop,
    ListBottom,
    ListPageDown,
    ListPageUp,
    ListOpen,
    ListDelete,
    ListUndo,
    ListEditNote,
    ListFilter,
    /// `H` in the marks list: the highlights alone, or everything again.
    ListHighlightsOnly,
    /// `U`: the next article not yet read (`Space` at the end of one, too).
    NextUnread,
    /// `o` in the library: the next sort order.
    CycleSort,
    /// `A` in the library: every article in the filtered list read.
    MarkAllRead,
    /// `R` in the library: look for new and deleted files.
    Rescan,
    /// `S` in the library: a full-text search over every article.
    SearchAll,
    /// Esc: close the innermost thing open.
    Back,
    Resize(u16, u16),
    /// The mouse wheel at a screen cell; positive lines scroll down.
    Wheel {
        column: u16,
        row: u16,
        lines: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    /// The left button let go at a cell (after a press elsewhere: a selection).
    Release {
        column: u16,
        row: u16,
    },
}

/// How a selection's moving end moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectStep {
    /// `w` / `b`: a word on, a word back.
    WordForward,
    WordBack,
    /// `)` / `(`: a sentence on, a sentence back.
    SentenceForward,
    SentenceBack,
    /// `$` / `0`: the paragraph's end, its start.
    ParagraphEnd,
    ParagraphStart,
    /// `j` / `k`: a line down, a line up, across paragraphs.
    LineDown,
    LineUp,
    /// `o`: the other end moves.
    Swap,
}

impl Action {
    /// Whether the action works on the article in front: ignored on a screen without one.
    pub fn on_article(self) -> bool {
        use Action::*;
        matches!(
            self,
            JumpToSection(_)
                | Digit(_)
                | CountDone
                | Percent
                | NextSection
                | PreviousSection
                | FocusNext
                | FocusPrevious
                | SidebarDown
                | SidebarUp
                | SidebarTop
                | SidebarBottom
                | SidebarPageDown
                | SidebarPageUp
                | SidebarOpen
                | ToggleSidebar
                | ToggleKeyPoints
                | ToggleFaq
                | FaqToggleAnswer
                | ToggleBrief
                | BriefOpen
                | FaqToggleAll
                | SearchStart
                | SearchInput(_)
                | SearchBackspace
                | SearchDeleteWord
                | SearchClear
                | SearchSubmit
                | SearchNext
                | SearchPrevious
                | HistoryOlder
                | HistoryNewer
                | ToggleBookmark
                | BookmarkWithNote
                | NextBookmark
                | PreviousBookmark
                | Yank
                | Highlight
                | NextHighlight
                | PreviousHighlight
                | Select(_)
                | SelectColour(_)
                | SelectSave
                | SelectNote
                | SelectCancel
                | Edit
                | Pipe
                | Reload
        )
    }

    /// Whether the action scrolls: the help over any screen, else the article.
    pub fn scrolls(self) -> bool {
        use Action::*;
        matches!(
            self,
            LineDown | LineUp | PageDown | PageUp | HalfPageDown | HalfPageUp | Top | Bottom
        )
    }
}
