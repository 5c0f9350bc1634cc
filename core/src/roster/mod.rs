//! The roster (花名册 and 组织): people with their stages and transfers, the party groups, and the
//! committee's terms and seats. `ledger::people`, `ledger::groups` and `ledger::committee` name them.

pub mod committee;
pub mod groups;
pub mod people;
