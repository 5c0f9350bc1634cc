//! Branch Ledger (支部台账): the desktop window around the `ledger` core.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![deny(unsafe_code)]

mod activity_commands;
mod admission_commands;
mod appraisal_commands;
mod attachment_commands;
mod backup_commands;
mod book_commands;
mod bulletin_commands;
mod chosen;
mod commands;
mod dashboard_commands;
mod data_commands;
mod dialogs;
mod dues_commands;
mod error;
mod honour_commands;
mod paper_commands;
mod search_commands;
mod state;
mod summary_commands;

use ledger::paths;
use tauri::Manager;

fn main() {
    let argument = paths::data_dir_argument(std::env::args().skip(1));
    let (data_dir, source) = paths::resolve(argument);
    let state = state::AppState::open(data_dir, source);
    // The daily automatic backup also runs at start-up, so a computer switched off with the app open
    // still gets one.
    state.spawn_auto_backup();
    tauri::Builder::default()
        // A second launch focuses the running window instead of opening the ledger twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            focus_main(app)
        }))
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::vocabulary,
            commands::set_language,
            commands::set_zoom,
            commands::first_run_choice,
            commands::demo_clear,
            commands::roster_overview,
            commands::people_list,
            commands::people_names,
            commands::person_get,
            commands::person_add,
            commands::person_update,
            commands::person_change_stage,
            commands::person_transfer,
            commands::groups_list,
            commands::group_save,
            commands::terms_list,
            commands::term_save,
            commands::seat_add,
            commands::seat_remove,
            commands::trash_list,
            commands::trash_move,
            commands::trash_restore,
            commands::trash_purge,
            commands::set_term_years,
            commands::set_branch_name,
            commands::ledger_info,
            backup_commands::backup_overview,
            backup_commands::backup_list,
            backup_commands::pick_folder,
            backup_commands::pick_backup_file,
            backup_commands::backup_run,
            backup_commands::backup_verify,
            backup_commands::backup_restore,
            backup_commands::set_backup_rules,
            bulletin_commands::bulletins_overview,
            bulletin_commands::bulletin_issues,
            bulletin_commands::bulletin_issue_get,
            bulletin_commands::bulletin_next_number,
            bulletin_commands::bulletin_series_save,
            bulletin_commands::bulletin_issue_save,
            bulletin_commands::suggestions_overview,
            bulletin_commands::suggestions_list,
            bulletin_commands::suggestion_get,
            bulletin_commands::suggestion_save,
            bulletin_commands::suggestion_assign,
            bulletin_commands::suggestion_note,
            bulletin_commands::suggestion_respond,
            bulletin_commands::suggestion_close,
            bulletin_commands::suggestion_decline,
            bulletin_commands::set_suggestion_overdue_days,
            dashboard_commands::dashboard,
            dashboard_commands::set_cadence_rule,
            dashboard_commands::set_cycle_weeks,
            activity_commands::activities_overview,
            activity_commands::activities_list,
            activity_commands::activity_get,
            activity_commands::activity_save,
            activity_commands::activity_expected,
            activity_commands::person_participation,
            activity_commands::campaign_save,
            activity_commands::project_save,
            attachment_commands::attachments_list,
            attachment_commands::attachment_add,
            attachment_commands::attachment_view,
            attachment_commands::attachment_export,
            book_commands::bookshelf_overview,
            book_commands::book_titles,
            book_commands::book_title_get,
            book_commands::book_title_save,
            book_commands::book_copy_save,
            book_commands::book_copy_state,
            book_commands::book_next_label,
            book_commands::loans_list,
            book_commands::loan_lend,
            book_commands::loan_lend_label,
            book_commands::loan_desk_matches,
            book_commands::loan_renew,
            book_commands::loan_return,
            book_commands::loan_lost,
            book_commands::set_loan_rules,
            book_commands::stocktake_overview,
            book_commands::stocktake_start,
            book_commands::stocktake_tick,
            book_commands::stocktake_untick,
            book_commands::stocktake_finish,
            book_commands::book_import_preview,
            book_commands::book_import_commit,
            honour_commands::honours_list,
            honour_commands::honour_get,
            honour_commands::honour_save,
            dues_commands::dues_screen,
            dues_commands::dues_base_save,
            dues_commands::dues_payment_save,
            dues_commands::dues_handover_save,
            dues_commands::dues_import_preview,
            dues_commands::dues_import_commit,
            dues_commands::dues_rules_save,
            dues_commands::dues_register_export,
            appraisal_commands::appraisal_year,
            appraisal_commands::appraisal_save,
            appraisal_commands::appraisal_names_in_summary_set,
            admission_commands::admission_overview,
            admission_commands::admission_file,
            admission_commands::admission_step_person,
            admission_commands::admission_step_save,
            admission_commands::admission_details_row,
            admission_commands::admission_notice_days_set,
            admission_commands::admission_file_export,
            data_commands::data_export,
            data_commands::data_import,
            search_commands::search,
            summary_commands::summary_ranges,
            summary_commands::summary_view,
            summary_commands::summary_note_save,
            summary_commands::summary_export,
            paper_commands::activity_paper_export,
            paper_commands::activity_paper_html,
            paper_commands::binder_export,
        ])
        .build(tauri::generate_context!())
        .expect("Branch Ledger could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<state::AppState>().backup_on_quit();
            }
        });
}

fn focus_main(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
