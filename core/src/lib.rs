//! Branch Ledger core (`ledger`): the records a party branch keeps (支部台账), their rules and their
//! storage in one SQLite file. Nothing here knows about windows or Tauri, so every rule can be tested
//! against a temporary database and reused by the command-line tool.
#![deny(unsafe_code)]

pub mod activities;
pub mod admission;
pub mod appraisals;
pub mod attachments;
pub mod backup;
pub mod binder;
pub mod bookshelf;
pub mod bulletins;
pub mod cadence;
pub mod codes;
pub mod dates;
pub mod demo;
mod demo_activities;
mod demo_admission;
mod demo_appraisals;
mod demo_books;
mod demo_dues;
pub mod derived;
pub mod dice;
pub mod document;
pub mod drives;
pub mod dues;
pub mod error;
pub mod export;
mod field;
mod filter;
pub mod honours;
mod imported;
pub mod info;
mod leftovers;
pub mod overview;
pub mod page;
pub mod paths;
mod private;
pub mod roster;
mod row;
mod seal;
pub mod search;
pub mod settings;
pub mod store;
pub mod suggestions;
pub mod summary;
mod text;
pub mod trash;
pub mod vocabulary;

pub use bookshelf::{book_import, books, loans, stocktake};
pub use error::{Error, Field, Lang, Result};
pub use roster::{committee, groups, people};
pub use store::Ledger;
