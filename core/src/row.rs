//! One row of a table as an export file carries it (column name to value), read as a form's input: what
//! each room's `check_imported` receives. It sits below the rooms, which take it, while `imported`
//! above them hands it to the right one.

use crate::{Error, Field, Result};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value as Json};

/// One row of an export: column name to value, as in the file.
pub(crate) struct Row<'a> {
    map: &'a Map<String, Json>,
}

impl<'a> Row<'a> {
    pub(crate) fn new(map: &'a Map<String, Json>) -> Row<'a> {
        Row { map }
    }

    /// The row read as a form's input (columns and form fields share their names; other columns are
    /// left out). Types are already checked against the schema, so this fails only on a field the
    /// form reads differently.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(Json::Object(self.map.clone())).map_err(|e| Error::Unknown {
            field: Field::File,
            value: e.to_string(),
        })
    }

    /// A text column; null or missing reads as empty.
    pub(crate) fn text(&self, column: &str) -> String {
        self.optional_text(column).unwrap_or_default()
    }

    pub(crate) fn optional_text(&self, column: &str) -> Option<String> {
        self.map
            .get(column)
            .and_then(Json::as_str)
            .map(str::to_string)
    }
}
