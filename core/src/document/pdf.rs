//! Placeholder until the PDF writer lands.

use super::Doc;
use crate::{Error, Result};

pub fn pdf(_doc: &Doc, _progress: &mut dyn FnMut(u32), _from: u32, _to: u32) -> Result<Vec<u8>> {
    Err(Error::NoChineseFont)
}
