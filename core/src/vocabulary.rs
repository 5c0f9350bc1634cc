//! Every coded value the ledger stores, by name, with its code and both labels: one table that the
//! window, the exports and the error messages all read, so a label is written once (in the room's
//! `code_enum!`) and never drifts between Rust and the window's language files.

use std::collections::BTreeMap;

use crate::activities::{ActivityKind, Presence, ProjectStatus, Role};
use crate::admission::StepKind;
use crate::appraisals::Rating;
use crate::attachments::{AttachmentKind, Owner};
use crate::books::{CopyState, Location, Source};
use crate::bulletins::{IssueStatus, SeriesKind};
use crate::codes::Term;
use crate::committee::Position;
use crate::dues::{Category as DuesCategory, Method as DuesMethod};
use crate::honours::{Level, RecipientKind};
use crate::people::{Gender, Stage};
use crate::suggestions::{AuthorKind, Channel, Status};

/// The vocabulary by name (the window's `label('stage', 'full')`), each list in the order forms show it.
pub fn all() -> BTreeMap<&'static str, Vec<Term>> {
    macro_rules! terms {
        ($($name:literal => $enum:ty,)+) => {
            BTreeMap::from([$(($name, <$enum>::ALL.iter().map(|v| v.term()).collect::<Vec<Term>>())),+])
        };
    }
    terms! {
        "activity_kind" => ActivityKind,
        "attachment_kind" => AttachmentKind,
        "attachment_owner" => Owner,
        "attendance_role" => Role,
        "appraisal_rating" => Rating,
        "admission_step" => StepKind,
        "copy_location" => Location,
        "copy_source" => Source,
        "copy_state" => CopyState,
        "dues_category" => DuesCategory,
        "dues_method" => DuesMethod,
        "gender" => Gender,
        "honour_level" => Level,
        "honour_recipient" => RecipientKind,
        "issue_status" => IssueStatus,
        "position" => Position,
        "presence" => Presence,
        "project_status" => ProjectStatus,
        "series_kind" => SeriesKind,
        "stage" => Stage,
        "suggestion_author" => AuthorKind,
        "suggestion_channel" => Channel,
        "suggestion_status" => Status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_list_has_unique_codes_and_both_labels() {
        let all = all();
        assert_eq!(all.len(), 23);
        for (name, terms) in &all {
            let codes: HashSet<_> = terms.iter().map(|t| t.code).collect();
            assert_eq!(codes.len(), terms.len(), "{name}");
            for t in terms {
                assert!(!t.zh.is_empty() && !t.en.is_empty(), "{name}.{}", t.code);
                assert!(!t.zh.is_ascii(), "{name}.{} has no Chinese label", t.code);
            }
        }
    }

    #[test]
    fn the_window_receives_code_and_both_labels() {
        let json = serde_json::to_value(all()).unwrap();
        assert_eq!(
            json["stage"][1],
            serde_json::json!({"code": "probationary", "zh": "预备党员", "en": "probationary member"})
        );
    }
}
