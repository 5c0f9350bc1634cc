//! Errors as they cross IPC: `{code, message, field}`, with the message already in the user's language.

use ledger::{Field, Lang};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    /// The form field to show the message beside, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

impl IpcError {
    pub fn new(error: &ledger::Error, lang: Lang) -> IpcError {
        IpcError {
            code: error.code().to_string(),
            message: error.message(lang),
            field: error.field(),
        }
    }

    /// The ledger could not be opened at start-up (locked, too new, not a ledger, …).
    pub fn not_open(lang: Lang) -> IpcError {
        IpcError {
            code: "not_open".into(),
            message: lang
                .pick("台账没有打开，请按页面上的提示处理后重新启动程序。", "The ledger is not open. Follow the advice on screen, then start the app again.")
                .into(),
            field: None,
        }
    }

    /// A background task died (a bug): say so plainly, nothing was saved half-way.
    pub fn internal(lang: Lang) -> IpcError {
        IpcError {
            code: "internal".into(),
            message: lang
                .pick("程序内部出错，这次操作没有保存。请重试；如果反复出现，请重启程序。", "Something went wrong inside the app and nothing was saved. Try again; if it keeps happening, restart the app.")
                .into(),
            field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_field_error_serialises_with_code_message_and_field() {
        let err = ledger::Error::Required { field: Field::Name };
        let json = serde_json::to_value(IpcError::new(&err, Lang::Zh)).unwrap();
        assert_eq!(
            json,
            json!({"code": "required", "message": "请填写姓名。", "field": "name"})
        );
        let json = serde_json::to_value(IpcError::new(&err, Lang::En)).unwrap();
        assert_eq!(
            json,
            json!({"code": "required", "message": "Please fill in name.", "field": "name"})
        );
    }

    #[test]
    fn an_error_without_field_has_only_code_and_message() {
        let err = ledger::Error::NotEmpty;
        let json = serde_json::to_value(IpcError::new(&err, Lang::En)).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 2);
        assert_eq!(json["code"], "not_empty");
    }
}
