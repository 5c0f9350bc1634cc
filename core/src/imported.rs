//! An imported row held to the rules of the forms. Each record type's room says what a stored row of
//! its own must satisfy (`check_imported`), with the same functions its forms call, so the rules live
//! in one place; this module hands it the row and picks the room by table.

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

/// Holds one imported row of `table` to its room's rules; tables no form writes directly (links,
/// settings) are held to their column types only.
pub(crate) fn check(table: &str, row: &Row) -> Result<()> {
    match table {
        "people" => crate::people::check_imported(row),
        "party_groups" => crate::groups::check_imported(row),
        "activities" => crate::activities::check_imported(row),
        "attendance" => crate::activities::check_imported_attendance(row),
        "campaigns" => crate::activities::check_imported_campaign(row),
        "special_projects" => crate::activities::check_imported_project(row),
        "suggestions" => crate::suggestions::check_imported(row),
        "bulletin_series" => crate::bulletins::check_imported_series(row),
        "bulletin_issues" => crate::bulletins::check_imported_issue(row),
        "book_titles" => crate::books::check_imported_title(row),
        "book_copies" => crate::books::check_imported_copy(row),
        "honours" => crate::honours::check_imported(row),
        _ => Ok(()),
    }
}
