//! One page of a list that pages in SQL: the rows shown, how many match in all (for "1–100 of 342") and
//! where the page starts. Every paged list sends this shape, so the window has one pager.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: i64,
    pub offset: i64,
}
