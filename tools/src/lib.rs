//! Tooling around the ledger that the app does not run: large demo ledgers for benchmarks and for trying
//! the app on many years of records (`grow`, the `grow-ledger` program), and the benchmarks (`benches/`).
#![deny(unsafe_code)]

pub mod grow;
