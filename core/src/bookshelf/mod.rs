//! The bookshelf (支部书架, 党群图书角): titles and their copies, loans, stocktakes, and the import of
//! an existing book list (one module per source format in `book_import/`). `ledger::books`,
//! `ledger::loans`, `ledger::stocktake` and `ledger::book_import` name them.

pub mod book_import;
pub mod books;
pub mod loans;
pub mod stocktake;
