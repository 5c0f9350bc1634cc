//! An imported row held to the rules of the forms. Each record type's room says what a stored row of
//! its own must satisfy (`check_imported`), with the same functions its forms call, so the rules live
//! in one place; this module hands it the row and picks the room by table.

use crate::row::Row;
use crate::Result;

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
        "appraisals" => crate::appraisals::check_imported(row),
        "admission_steps" => crate::admission::check_imported(row),
        "dues_bases" => crate::dues::bases::check_imported(row),
        "dues_payments" => crate::dues::payments::check_imported(row),
        "dues_handovers" => crate::dues::handovers::check_imported(row),
        _ => Ok(()),
    }
}
