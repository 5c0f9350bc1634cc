//! Party dues (党费收缴台账): each member's monthly base (`bases`), the versioned rules that turn a base
//! into the amount due (`rules`), the payments (`payments`), what the branch hands over to the higher
//! committee (`handovers`), and the year's register with its arrears (`register`).
//!
//! Money is kept in fen (分) as integers and months as `YYYY-MM`: an amount is never rounded on the way
//! in, and what was paid is kept as paid.

pub mod bases;
pub mod handovers;
pub mod import;
pub(crate) mod members;
mod money;
mod month;
pub mod payments;
pub mod register;
pub mod rules;
pub mod sheet;

use crate::codes::code_enum;
use crate::Field;

pub use money::{parse_fen, yuan};
pub use month::Month;

code_enum!(Category, Field::DuesCategory, {
    Employed => "employed", "在职", "employed";
    Retired => "retired", "离退休", "retired";
    Student => "student", "学生", "student";
    Unemployed => "unemployed", "下岗失业", "unemployed";
    Allowance => "allowance", "领取最低生活保障", "on basic living allowance";
    Farmer => "farmer", "农民", "farmer";
});

impl Category {
    /// Whether the amount due is a share of a declared income (else a fixed amount, or one the member
    /// chooses within the rule's range).
    pub fn by_income(self) -> bool {
        matches!(self, Category::Employed | Category::Retired)
    }
}

code_enum!(Method, Field::Method, {
    Cash => "cash", "现金", "cash";
    Transfer => "transfer", "转账", "bank transfer";
    Platform => "platform", "线上平台", "online platform";
});
