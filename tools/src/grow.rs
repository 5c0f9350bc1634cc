//! Large demo ledgers (`grow-ledger --scale N`): the demo branch grown, for benchmarks and for trying
//! the app on a ledger of many years, to about 200·N people, 5,000·N activities with their attendance,
//! 10,000·N loans, 2,000·N bulletin issues and 2,000·N suggestions (counting the demo's own records).
//!
//! Everything is made by a deterministic generator (an LCG), so the same scale gives the same records
//! on every machine (dates near today follow the day it runs). The Chinese text (titles, places,
//! minutes, topics, suggestions and responses, book names) is combined from word lists, varied enough
//! for the search to be meaningful: common words match thousands of records, rarer combinations a few.
//!
//! The records obey the schema and the app's rules: people enter the ledger with a stage (and a dated
//! history of each later step, a transfer in or out where they came or went), so `people::stage_on`
//! and the annual summary's head counts work as for typed records; attendance lists people in the
//! branch that day; bulletin numbers run on per series; a copy is out to one borrower at a time, and
//! most loans are back. Rows are written with prepared statements into temporary tables and moved into
//! the ledger a batch at a time (see `Stage`), all in one transaction; the search index follows through
//! the triggers of migration 7, as for any other write.

use chrono::{Datelike, Duration, NaiveDate};
use ledger::dates;
use ledger::dice::Dice;
use ledger::{Ledger, Result};
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashMap;

/// What a scale asks for: the totals (demo records included) of the main record types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Targets {
    pub people: u64,
    pub activities: u64,
    pub loans: u64,
    pub bulletin_issues: u64,
    pub suggestions: u64,
}

/// The totals at `scale`; `None` for scale 1 (or 0), which is the demo as it is.
pub fn targets(scale: u32) -> Option<Targets> {
    let n = u64::from(scale);
    (n > 1).then_some(Targets {
        people: 200 * n,
        activities: 5_000 * n,
        loans: 10_000 * n,
        bulletin_issues: 2_000 * n,
        suggestions: 2_000 * n,
    })
}

/// Rows added to one table, and the table's rows afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCount {
    pub table: &'static str,
    pub added: u64,
    pub total: u64,
}

/// What [`grow`] added, table by table (in the order they were written).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tables: Vec<TableCount>,
}

impl Counts {
    /// Rows added to all tables (the search index not counted).
    pub fn rows_added(&self) -> u64 {
        self.tables.iter().map(|t| t.added).sum()
    }

    pub fn added(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.added)
    }

    pub fn total(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.total)
    }
}

/// The tables [`grow`] writes, in order.
pub const TABLES: [&str; 19] = [
    "party_groups",
    "people",
    "stage_changes",
    "transfers",
    "campaigns",
    "special_projects",
    "activities",
    "attendance",
    "activity_speakers",
    "book_titles",
    "book_tags",
    "book_copies",
    "loans",
    "bulletin_series",
    "bulletin_issues",
    "bulletin_topics",
    "bulletin_editors",
    "suggestions",
    "suggestion_notes",
];

/// Grows a ledger holding the demo branch ([`ledger::demo::load`]; an empty ledger gets it first) to
/// `scale`: adds records until the totals of [`targets`] are reached (nothing at scale 1, nor for a
/// type already at its total), all in one transaction. `progress` hears (step, done, total) now and
/// then, and (step, total, total) once a step's rows are written. The counts are of what this call
/// added to the demo. A grown ledger drops the demo's `demo_as_of`: its reminders are as of today.
pub fn grow(
    ledger: &mut Ledger,
    scale: u32,
    progress: &mut dyn FnMut(&str, u64, u64),
) -> Result<Counts> {
    if targets(scale).is_some() && count(ledger.read(), "people")? == 0 {
        ledger::demo::load(ledger)?;
    }
    let before = table_counts(ledger.read())?;
    if let Some(targets) = targets(scale) {
        ledger.write(|conn| {
            // As an import does: the derived tables (search indexes, lists) built once at the end.
            ledger::derived::bulk(conn, || Grower::new(conn, targets, progress)?.run())?;
            ledger::people::refresh_sort_keys(conn)?;
            // A grown ledger has records up to today: its reminders follow the calendar, not the demo's
            // end of 2020.
            ledger::settings::clear_demo_as_of(conn)?;
            Ok(())
        })?;
    }
    let after = table_counts(ledger.read())?;
    Ok(Counts {
        tables: TABLES
            .iter()
            .zip(before.iter().zip(&after))
            .map(|(&table, (b, a))| TableCount {
                table,
                added: a.saturating_sub(*b),
                total: *a,
            })
            .collect(),
    })
}

fn table_counts(conn: &Connection) -> Result<Vec<u64>> {
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?;
            Ok(n as u64)
        })
        .collect()
}

/// Days as numbers (days since 2000-01-01), with their ISO text made once.
struct Days {
    base: NaiveDate,
    iso: Vec<String>,
}

impl Days {
    fn new(until: NaiveDate) -> Days {
        let base = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid");
        let n = (until - base).num_days().max(0) as usize + 1;
        let iso = (0..n)
            .map(|d| dates::iso(base + Duration::days(d as i64)))
            .collect();
        Days { base, iso }
    }

    fn of(&self, date: NaiveDate) -> i32 {
        (date - self.base).num_days() as i32
    }

    fn parse(&self, text: &str) -> Option<i32> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| self.of(d))
    }

    fn s(&self, day: i32) -> &str {
        &self.iso[day.clamp(0, self.iso.len() as i32 - 1) as usize]
    }

    fn date(&self, day: i32) -> NaiveDate {
        self.base + Duration::days(day as i64)
    }

    fn year(&self, day: i32) -> i32 {
        self.date(day).year()
    }
}

// Word lists. Combined by the LCG, they give titles, minutes and texts varied enough to search in.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭",
    "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾",
    "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺",
    "赖", "龚", "文", "欧阳", "司马",
];
const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "晨", "阳",
    "博", "文", "志", "建", "国", "海", "峰", "亮", "成", "振", "铭", "锐", "航", "哲", "睿", "泽",
    "轩", "昊",
];
const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "晶", "颖", "倩",
    "洁", "莉", "兰", "萍", "红", "梅", "慧", "佳", "欣", "悦", "瑶", "怡", "璐", "琪", "蕾", "薇",
    "菲", "岚", "雯", "晓", "月", "思", "雨", "诗", "梦", "佩", "秀", "宁", "丹", "珊", "茜", "楠",
    "彤", "媛",
];
const ORGANISATIONS: &[&str] = &[
    "清华大学电子工程系党委",
    "清华大学精密仪器系党委",
    "北京大学信息科学技术学院党委",
    "中国科学院微电子研究所党委",
    "中国科学院半导体研究所党委",
    "北京理工大学材料学院党委",
    "浙江大学微纳电子学院党委",
    "复旦大学微电子学院党委",
    "西安电子科技大学党委",
    "中芯国际集成电路制造（北京）有限公司党委",
    "海淀区学院路街道工委",
    "航天科技集团第九研究院党委",
];
const NOTES: &[&str] = &[
    "博士研究生",
    "硕士研究生",
    "博士后",
    "平台工程师",
    "工艺工程师",
    "设备工程师",
    "行政助理",
    "访问学者",
    "退休返聘",
    "外单位用户代表",
];
const GROUP_AREAS: &[&str] = &[
    "光刻工艺",
    "刻蚀工艺",
    "薄膜沉积",
    "封装测试",
    "检测分析",
    "设备运维",
    "行政综合",
    "研究生",
    "博士后",
    "离退休",
    "器件研发",
    "用户服务",
];
/// Themes of study, lectures, bulletins and minutes.
const THEMES: &[&str] = &[
    "集成电路产业发展",
    "科技自立自强",
    "实验室安全管理",
    "师德师风建设",
    "党风廉政建设",
    "意识形态工作",
    "基层党组织建设",
    "乡村振兴战略",
    "疫情防控",
    "安全生产",
    "科研诚信",
    "知识产权保护",
    "芯片国产化",
    "绿色低碳发展",
    "创新驱动发展",
    "青年人才培养",
    "志愿服务",
    "保密教育",
    "廉洁自律",
    "全面从严治党",
    "作风建设",
    "党的群众路线",
    "共同富裕",
    "数字中国建设",
    "高质量发展",
    "微纳加工技术",
    "光刻工艺改进",
    "洁净室管理",
    "大型仪器开放共享",
    "产学研合作",
    "科学家精神",
    "工匠精神",
    "红色家风",
    "国家安全教育",
    "网络安全",
    "中华优秀传统文化",
    "生态文明建设",
    "新质生产力",
    "教育强国建设",
    "两弹一星精神",
];
const DOCUMENTS: &[&str] = &[
    "《中国共产党章程》",
    "《中国共产党支部工作条例（试行）》",
    "《关于新形势下党内政治生活的若干准则》",
    "《中国共产党纪律处分条例》",
    "《中国共产党廉洁自律准则》",
    "《习近平谈治国理政》",
    "《中国共产党简史》",
    "《论中国共产党历史》",
    "党的十九大报告",
    "党的二十大报告",
    "十九届六中全会决议",
    "全国两会精神",
    "《共产党宣言》",
    "《毛泽东选集》第一卷",
    "《邓小平文选》第三卷",
    "《习近平新时代中国特色社会主义思想学习纲要》",
    "《中国共产党党员教育管理工作条例》",
    "《关于加强和改进新时代党员发展工作的意见》",
    "习近平总书记在庆祝中国共产党成立100周年大会上的讲话",
    "习近平总书记给北京大学青年学生的回信",
];
const ROOMS: &[&str] = &[
    "平台会议室",
    "主楼报告厅",
    "东楼第一会议室",
    "西楼小会议室",
    "党员活动室",
    "党群图书角",
    "洁净室培训室",
    "线上（腾讯会议）",
    "学院多功能厅",
    "研究生学术交流中心",
];
const VENUES: &[&str] = &[
    "香山革命纪念地",
    "中国共产党历史展览馆",
    "李大钊故居",
    "西柏坡纪念馆",
    "中国人民抗日战争纪念馆",
    "焦裕禄纪念园",
    "红旗渠纪念馆",
    "井冈山革命博物馆",
    "延安革命纪念馆",
    "遵义会议会址",
    "嘉兴南湖红船",
    "韶山毛泽东同志纪念馆",
    "古田会议旧址",
    "小岗村",
    "雄安新区规划展示中心",
    "中国科学技术馆",
    "国家博物馆",
    "卢沟桥",
];
const PARTNERS: &[&str] = &[
    "遵义师范学院",
    "微电子研究所第三党支部",
    "集成电路学院第二党支部",
    "材料学院教工党支部",
    "中芯国际北京党委",
    "学院路街道社区党委",
    "清华附中党总支",
    "航天科技集团某研究所党支部",
    "北京大学信息学院党支部",
    "中关村科技园区党委",
];
const AGENDAS: &[&str] = &[
    "发展党员工作",
    "党费收缴情况",
    "年度工作计划",
    "主题教育实施方案",
    "组织生活会准备",
    "民主评议党员安排",
    "入党积极分子培养考察",
    "宣传栏改版",
    "群众意见办理",
    "支部书架购书",
    "党小组调整",
    "困难党员帮扶",
    "换届选举筹备",
    "特色活动立项",
    "安全检查整改",
];
const VISITED: &[&str] = &[
    "退休老党员",
    "生病住院职工",
    "困难党员家庭",
    "老战士",
    "社区孤寡老人",
    "援疆返京同志",
    "一线值班人员",
];
const WORK: &[&str] = &[
    "设备运行",
    "用户服务",
    "人才培养",
    "科研支撑",
    "安全管理",
    "工艺开发",
];
const LEAVE_REASONS: &[&str] = &[
    "出差",
    "病假",
    "事假",
    "外出培训",
    "值班",
    "产假",
    "参加学术会议",
];
const TIMES: &[&str] = &["", "09:00", "14:00", "14:30", "16:00", "19:00"];
const EVENTS: &[&str] = &[
    "党的二十大",
    "建党百年",
    "新中国成立75周年",
    "五四青年节",
    "七一建党节",
    "国庆节",
    "安全月",
    "科技活动周",
    "读书月",
    "宪法宣传周",
];
const ISSUE_OPENERS: &[&str] = &[
    "学习贯彻",
    "聚焦",
    "专题：",
    "深入推进",
    "走近",
    "图说",
    "一线风采：",
    "支部动态：",
];
const SUGGESTION_OPENERS: &[&str] = &["建议", "希望", "能否", "请支部考虑", "恳请"];
const SUGGESTION_ACTIONS: &[&str] = &[
    "增加",
    "改善",
    "延长",
    "调整",
    "公开",
    "定期更新",
    "增设",
    "优化",
];
const SUGGESTION_OBJECTS: &[&str] = &[
    "图书角的开放时间",
    "洁净室的预约流程",
    "党员活动室的空调",
    "宣传栏的内容",
    "实验室的通风条件",
    "食堂的晚餐供应",
    "班车的发车时间",
    "设备培训的频次",
    "网站的新闻栏目",
    "支部书架的科普书籍",
    "夜间值班的安全保障",
    "研究生的学术交流机会",
    "外单位用户的接待流程",
    "设备故障的报修渠道",
    "党课的形式",
    "停车位的分配办法",
];
const SUGGESTION_REASONS: &[&str] = &[
    "，目前很多同事反映不方便。",
    "，以便更好地服务一线科研。",
    "，疫情期间尤其需要。",
    "，周末加班的同志较多。",
    "，新入职的同事不熟悉情况。",
    "。",
];
const SUGGESTION_CATEGORIES: &[&str] = &[
    "学习资料",
    "关心关爱",
    "平台服务",
    "组织生活",
    "宣传工作",
    "后勤保障",
    "图书借阅",
    "安全环保",
];
const DEPARTMENTS: &[&str] = &[
    "平台办公室",
    "后勤处",
    "学院党委",
    "设备管理组",
    "图书角管理员",
    "宣传委员",
    "组织委员",
];
const RESULTS: &[&str] = &[
    "自下月起调整",
    "已完成整改",
    "已列入年度计划",
    "已增购相关书籍",
    "已在宣传栏公布办理结果",
    "将在下次支委会研究落实",
    "已安排专人负责",
];
const DECLINE_REASONS: &[&str] = &[
    "该事项不属于支部职责范围，已转交相关部门。",
    "现有条件暂不具备，待条件成熟后再议。",
    "与学校相关规定不符，已向反映人说明。",
];
const NOTES_ON_SUGGESTIONS: &[&str] = &[
    "已电话联系反映人，了解具体情况。",
    "已与相关部门初步沟通。",
    "提交支委会讨论。",
    "现场查看了有关情况。",
];
const BOOK_PREFIXES: &[&str] = &["", "", "图说", "简明", "新时代", "青年", "大众", "中国"];
const BOOK_SUBJECTS: &[&str] = &[
    "集成电路",
    "芯片",
    "党史",
    "改革开放",
    "科学家精神",
    "红色家书",
    "长征",
    "微纳加工",
    "半导体",
    "量子计算",
    "人工智能",
    "乡村振兴",
    "两弹一星",
    "抗美援朝",
    "脱贫攻坚",
    "马克思主义",
    "光刻机",
    "航天",
    "碳中和",
    "新中国外交",
];
const BOOK_SUFFIXES: &[&str] = &[
    "简史", "故事", "百问", "读本", "十讲", "通识", "概论", "手记", "导论", "纪实", "精要", "札记",
];
const PUBLISHERS: &[&str] = &[
    "人民出版社",
    "中央文献出版社",
    "党建读物出版社",
    "中共党史出版社",
    "科学出版社",
    "清华大学出版社",
    "电子工业出版社",
    "人民邮电出版社",
    "商务印书馆",
    "生活·读书·新知三联书店",
    "中信出版社",
    "人民文学出版社",
];
const BOOK_CATEGORIES: &[&str] = &[
    "理论学习",
    "党史",
    "党章党规",
    "经典著作",
    "社科历史",
    "人物传记",
    "科普",
    "文学",
    "专业参考",
];
const BOOK_TAGS: &[&str] = &[
    "党史学习教育",
    "科学家精神",
    "集成电路",
    "必读书目",
    "红色经典",
    "改革开放",
    "初心",
    "主题教育",
    "支部建设",
    "微纳加工",
    "长征",
    "脱贫攻坚",
];
const RETURN_NOTES: &[&str] = &["完好", "封面略有磨损", "书角有折痕", "内页有少量划线"];
const CONDITIONS: &[&str] = &["良好", "良好", "全新", "一般"];
const NEW_SERIES: &[(&str, &str)] = &[
    ("党建工作简报", "briefing"),
    ("理论学习简报", "briefing"),
    ("微纳党建微信公众号", "wechat"),
    ("党员之家网站", "website"),
    ("学院信息门户新闻", "news_channel"),
];
const NEW_CAMPAIGNS: &[(&str, &str, &str)] = &[
    ("党史学习教育", "2021-02-20", "2021-12-31"),
    (
        "学习贯彻习近平新时代中国特色社会主义思想主题教育",
        "2023-04-01",
        "2023-12-31",
    ),
    ("党纪学习教育", "2024-04-01", "2024-07-31"),
];
const PROJECT_TITLES: &[&str] = &[
    "红色引擎：党建引领平台开放共享",
    "薪火相传：青年党员导师制",
    "强芯铸魂：服务国产芯片攻关",
    "书香支部：党群图书角提质",
    "安全护航：洁净室安全文化建设",
    "先锋岗：一线党员示范岗创建",
    "同心圆：党群共建社区行",
    "创新工坊：党员攻关小组",
];

/// The first day records are made for (the demo branch was founded in May 2016).
const FIRST_DAY: &str = "2016-06-01";

/// Someone on the roster, as the generator sees them.
#[derive(Clone)]
struct Member {
    id: i64,
    /// In the branch from this day…
    from: i32,
    /// …until the day before this one (transferred out).
    left: Option<i32>,
    /// A party member (probationary or full) from this day.
    party_from: Option<i32>,
    group: Option<i64>,
}

impl Member {
    fn in_branch(&self, day: i32) -> bool {
        self.from <= day && self.left.is_none_or(|l| day < l)
    }

    fn member_on(&self, day: i32) -> bool {
        self.in_branch(day) && self.party_from.is_some_and(|p| p <= day)
    }
}

struct Term {
    elected: i32,
    ends: Option<i32>,
    people: Vec<i64>,
}

struct Grower<'a> {
    conn: &'a Connection,
    targets: Targets,
    progress: &'a mut dyn FnMut(&str, u64, u64),
    rng: Dice,
    days: Days,
    first: i32,
    today: i32,
    people: Vec<Member>,
    /// Names by person id.
    names: HashMap<i64, String>,
    /// Where each person is in `people`, by id; and the people of each party group.
    index: HashMap<i64, usize>,
    by_group: HashMap<i64, Vec<usize>>,
    groups: Vec<i64>,
    leaders: HashMap<i64, i64>,
    terms: Vec<Term>,
    /// (start, end, id) of each campaign.
    campaigns: Vec<(i32, i32, i64)>,
    /// The day of the latest committee meeting made.
    last_committee_meeting: i32,
    /// Special project id by year.
    projects: HashMap<i32, i64>,
    /// (publish day, id) of published issues, by day.
    published: Vec<(i32, i64)>,
    text: String,
    extra: String,
}

fn next_id(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(
        &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
        [],
        |r| r.get(0),
    )?)
}

fn count(conn: &Connection, table: &str) -> Result<u64> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(n as u64)
}

fn stamp(day: &str, seconds: i64) -> String {
    format!(
        "{day} {:02}:{:02}:{:02}",
        8 + (seconds / 3600) % 12,
        (seconds / 60) % 60,
        seconds % 60
    )
}

impl<'a> Grower<'a> {
    fn new(
        conn: &'a Connection,
        targets: Targets,
        progress: &'a mut dyn FnMut(&str, u64, u64),
    ) -> Result<Grower<'a>> {
        let today_date = dates::today();
        let days = Days::new(today_date + Duration::days(400));
        let first = days.parse(FIRST_DAY).expect("a valid day");
        let today = days.of(today_date);
        let mut g = Grower {
            conn,
            targets,
            progress,
            rng: Dice(20_161_118),
            first,
            today,
            days,
            people: Vec::new(),
            names: HashMap::new(),
            index: HashMap::new(),
            by_group: HashMap::new(),
            groups: Vec::new(),
            leaders: HashMap::new(),
            terms: Vec::new(),
            campaigns: Vec::new(),
            last_committee_meeting: i32::MIN / 2,
            projects: HashMap::new(),
            published: Vec::new(),
            text: String::new(),
            extra: String::new(),
        };
        g.load_roster()?;
        Ok(g)
    }

    /// Reports progress now and then; the last report of a step comes once its rows are written.
    fn tick(&mut self, step: &str, done: u64, total: u64) {
        if done.is_multiple_of(5000) && done < total {
            (self.progress)(step, done, total);
        }
    }

    /// The people, groups and committee terms already in the ledger (the demo's).
    fn load_roster(&mut self) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.party_group_id, p.left_on,
                    (SELECT min(date) FROM stage_changes s WHERE s.person_id = p.id),
                    (SELECT min(date) FROM stage_changes s WHERE s.person_id = p.id
                       AND s.to_stage IN ('probationary', 'full'))
             FROM people p WHERE p.deleted_at IS NULL ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for row in rows {
            let (id, name, group, left, from, party) = row?;
            let day = |t: Option<String>| t.and_then(|t| self.days.parse(&t));
            self.people.push(Member {
                id,
                from: day(from).unwrap_or(self.first),
                left: day(left),
                party_from: day(party),
                group,
            });
            self.names.insert(id, name);
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, leader_id FROM party_groups WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
        })?;
        for row in rows {
            let (id, leader) = row?;
            self.groups.push(id);
            if let Some(leader) = leader {
                self.leaders.insert(id, leader);
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT t.elected_on, t.ends_on, group_concat(c.person_id) FROM committee_terms t
             JOIN committee_positions c ON c.term_id = t.id WHERE t.deleted_at IS NULL
             GROUP BY t.id ORDER BY t.elected_on",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (elected, ends, people) = row?;
            self.terms.push(Term {
                elected: self.days.parse(&elected).unwrap_or(self.first),
                ends: ends.and_then(|e| self.days.parse(&e)),
                people: people.split(',').filter_map(|p| p.parse().ok()).collect(),
            });
        }
        Ok(())
    }

    fn run(mut self) -> Result<()> {
        self.grow_people()?;
        for (i, p) in self.people.iter().enumerate() {
            self.index.insert(p.id, i);
            if let Some(g) = p.group {
                self.by_group.entry(g).or_default().push(i);
            }
        }
        self.add_campaigns_and_projects()?;
        self.grow_activities()?;
        self.grow_bookshelf()?;
        self.grow_bulletins()?;
        self.grow_suggestions()?;
        Ok(())
    }

    fn name(&mut self) -> String {
        let surname = *self.rng.pick(SURNAMES);
        let given = if self.rng.chance(50) {
            GIVEN_MALE
        } else {
            GIVEN_FEMALE
        };
        let mut name = surname.to_string();
        let first = *self.rng.pick(given);
        name.push_str(first);
        if self.rng.chance(70) {
            let second = *self.rng.pick(given);
            name.push_str(second);
        }
        name
    }

    fn name_of(&self, id: i64) -> &str {
        self.names.get(&id).map_or("", String::as_str)
    }

    // ---------------------------------------------------------------- people

    fn grow_people(&mut self) -> Result<()> {
        let existing = count(self.conn, "people")?;
        let extra = self.targets.people.saturating_sub(existing);
        if extra == 0 {
            return Ok(());
        }
        // About twenty party members a group at the end.
        let new_groups = (extra / 20).max(1);
        let mut group_id = next_id(self.conn, "party_groups")?;
        let mut new_group_ids = Vec::new();
        {
            let mut add_group = self.conn.prepare(
                "INSERT INTO party_groups (id, name, leader_id, notes) VALUES (?1, ?2, NULL, '')",
            )?;
            for k in 0..new_groups as usize {
                let area = GROUP_AREAS[k % GROUP_AREAS.len()];
                let name = format!("{area}第{}党小组", k / GROUP_AREAS.len() + 1);
                add_group.execute(params![group_id, name])?;
                new_group_ids.push(group_id);
                group_id += 1;
            }
        }
        self.groups.extend(&new_group_ids);

        let conn = self.conn;
        let mut add_person = Stage::new(
            conn,
            "people",
            "id, name, gender, birth_date, phone, party_group_id, stage, stage_since, left_on, notes,
             created_at, updated_at",
        )?;
        let mut add_change = Stage::new(
            conn,
            "stage_changes",
            "person_id, date, from_stage, to_stage, note",
        )?;
        let mut add_transfer = Stage::new(
            conn,
            "transfers",
            "person_id, direction, date, organisation, note",
        )?;
        let first_id = next_id(self.conn, "people")?;
        let (first, last) = (self.first, self.today - 30);
        for (k, id) in (0..extra).zip(first_id..) {
            let entry = self.rng.between(first as i64, last as i64) as i32;
            // (day, stage) steps; the first is how the person entered the ledger.
            let mut steps: Vec<(i32, &str)> = Vec::new();
            let mut came_from = None;
            match self.rng.roll(100) {
                0..=29 => {
                    steps.push((entry, "full"));
                    came_from = Some(*self.rng.pick(ORGANISATIONS));
                }
                30..=37 => {
                    steps.push((entry, "probationary"));
                    came_from = Some(*self.rng.pick(ORGANISATIONS));
                    let full = entry + self.rng.between(365, 400) as i32;
                    if full < self.today {
                        steps.push((full, "full"));
                    }
                }
                38..=57 => steps.push((entry, "non_member")),
                _ => {
                    steps.push((entry, "applicant"));
                    let path = [
                        ("activist", 90, 365, 85),
                        ("candidate", 365, 540, 80),
                        ("probationary", 60, 180, 90),
                        ("full", 365, 400, 95),
                    ];
                    let mut day = entry;
                    for (stage, low, high, go_on) in path {
                        day += self.rng.between(low, high) as i32;
                        if day >= self.today || !self.rng.chance(go_on) {
                            break;
                        }
                        steps.push((day, stage));
                    }
                }
            }
            let (last_day, stage) = *steps.last().expect("a first step");
            let left = (self.rng.chance(5) && last_day + 30 < last)
                .then(|| self.rng.between(last_day as i64 + 30, last as i64) as i32);
            let party_from = steps
                .iter()
                .find(|(_, s)| matches!(*s, "probationary" | "full"))
                .map(|(d, _)| *d);
            let group =
                (stage != "non_member").then(|| new_group_ids[k as usize % new_group_ids.len()]);
            let male = self.rng.chance(50);
            let name = self.name();
            let birth = format!(
                "{}-{:02}-{:02}",
                self.rng.between(1962, 2001),
                self.rng.between(1, 12),
                self.rng.between(1, 28)
            );
            let phone = format!(
                "1{}{:09}",
                self.rng.pick(&[3, 5, 8]),
                (id * 7_919) % 1_000_000_000
            );
            let notes = match self.rng.roll(10) {
                0..=2 => *self.rng.pick(NOTES),
                _ => "",
            };
            let created = stamp(self.days.s(entry), id);
            add_person.add(params![
                id,
                name,
                if male { "male" } else { "female" },
                birth,
                phone,
                group,
                stage,
                self.days.s(last_day),
                left.map(|l| self.days.s(l)),
                notes,
                created,
                created,
            ])?;
            let mut from_stage: Option<&str> = None;
            for (i, (day, to)) in steps.iter().enumerate() {
                let note = match (i, came_from) {
                    (0, Some(_)) => "组织关系转入",
                    (0, None) if *to == "applicant" => "递交入党申请书",
                    _ => "",
                };
                add_change.add(params![id, self.days.s(*day), from_stage, to, note])?;
                from_stage = Some(to);
            }
            if let Some(org) = came_from {
                add_transfer.add(params![id, "in", self.days.s(entry), org, ""])?;
            }
            if let Some(l) = left {
                let org = *self.rng.pick(ORGANISATIONS);
                add_transfer.add(params![id, "out", self.days.s(l), org, "工作调动"])?;
            }
            self.people.push(Member {
                id,
                from: entry,
                left,
                party_from,
                group,
            });
            self.names.insert(id, name);
            if (k + 1).is_multiple_of(BATCH) {
                add_person.flush()?;
                add_change.flush()?;
                add_transfer.flush()?;
            }
            self.tick("people", k + 1, extra);
        }
        add_person.finish()?;
        add_change.finish()?;
        add_transfer.finish()?;
        (self.progress)("people", extra, extra);
        // Each new group's leader: its longest-standing full member still in the branch.
        let mut set_leader = self
            .conn
            .prepare("UPDATE party_groups SET leader_id = ?2 WHERE id = ?1")?;
        for &group in &new_group_ids {
            let leader = self
                .people
                .iter()
                .filter(|p| p.group == Some(group) && p.left.is_none() && p.party_from.is_some())
                .min_by_key(|p| (p.party_from, p.id))
                .map(|p| p.id);
            if let Some(leader) = leader {
                set_leader.execute(params![group, leader])?;
                self.leaders.insert(group, leader);
            }
        }
        Ok(())
    }

    fn add_campaigns_and_projects(&mut self) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name, starts_on, ends_on FROM campaigns WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut names = Vec::new();
        for row in rows {
            let (id, name, starts, ends) = row?;
            let start = self.days.parse(&starts).unwrap_or(self.first);
            let end = ends.and_then(|e| self.days.parse(&e)).unwrap_or(self.today);
            self.campaigns.push((start, end, id));
            names.push(name);
        }
        let mut add = self.conn.prepare(
            "INSERT INTO campaigns (id, name, starts_on, ends_on, notes) VALUES (?1, ?2, ?3, ?4, '')",
        )?;
        let mut id = next_id(self.conn, "campaigns")?;
        for (name, starts, ends) in NEW_CAMPAIGNS {
            let (Some(start), Some(end)) = (self.days.parse(starts), self.days.parse(ends)) else {
                continue;
            };
            if start >= self.today || names.iter().any(|n| n == name) {
                continue;
            }
            add.execute(params![id, name, starts, ends])?;
            self.campaigns.push((start, end.min(self.today), id));
            id += 1;
        }
        let mut stmt = self
            .conn
            .prepare("SELECT year, id FROM special_projects WHERE deleted_at IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (year, id) = row?;
            self.projects.insert(year, id);
        }
        let mut add = self.conn.prepare(
            "INSERT INTO special_projects (id, year, title, filed_on, status, rating, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
        )?;
        let mut id = next_id(self.conn, "special_projects")?;
        let this_year = self.days.year(self.today);
        for year in self.days.year(self.first)..=this_year {
            if self.projects.contains_key(&year) {
                continue;
            }
            let title = PROJECT_TITLES[year as usize % PROJECT_TITLES.len()];
            let (status, rating) = if year < this_year {
                (
                    "completed",
                    *self.rng.pick(&["优秀成果", "优秀成果", "良好"]),
                )
            } else {
                ("in_progress", "")
            };
            let filed = format!("{year}-03-{:02}", self.rng.between(10, 28));
            add.execute(params![id, year, title, filed, status, rating])?;
            self.projects.insert(year, id);
            id += 1;
        }
        Ok(())
    }

    // ---------------------------------------------------------------- activities

    fn committee_on(&self, day: i32) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for term in &self.terms {
            if term.elected <= day && term.ends.is_none_or(|e| e > day) {
                for p in &term.people {
                    if !out.contains(p) {
                        out.push(*p);
                    }
                }
            }
        }
        out.retain(|id| self.in_branch(*id, day));
        out
    }

    fn in_branch(&self, id: i64, day: i32) -> bool {
        self.index
            .get(&id)
            .is_some_and(|&i| self.people[i].in_branch(day))
    }

    fn group_members_on(&self, group: i64, day: i32) -> Vec<i64> {
        self.by_group.get(&group).map_or_else(Vec::new, |members| {
            members
                .iter()
                .map(|&i| &self.people[i])
                .filter(|p| p.member_on(day))
                .map(|p| p.id)
                .collect()
        })
    }

    /// A few non-members in the branch that day, invited to an open meeting.
    fn invited_on(&mut self, day: i32, n: usize) -> Vec<i64> {
        let mut out = Vec::new();
        for _ in 0..n * 4 {
            let p = self.rng.pick(&self.people).clone();
            if p.party_from.is_none() && p.in_branch(day) && !out.contains(&p.id) {
                out.push(p.id);
                if out.len() == n {
                    break;
                }
            }
        }
        out
    }

    fn grow_activities(&mut self) -> Result<()> {
        let existing = count(self.conn, "activities")?;
        let extra = self.targets.activities.saturating_sub(existing);
        if extra == 0 {
            return Ok(());
        }
        let conn = self.conn;
        let mut add = Stage::new(
            conn,
            "activities",
            "id, kind, date, time, place, title, host_id, recorder_id, party_group_id, other_org, visited,
             campaign_id, project_id, content, decisions, created_at, updated_at",
        )?;
        let mut attend = Stage::new(
            conn,
            "attendance",
            "activity_id, person_id, guest_name, role, status, reason",
        )?;
        let mut speak = Stage::new(conn, "activity_speakers", "activity_id, person_id")?;
        // More members, more meetings: days drawn in proportion to the party members that day.
        let span = (self.today - self.first) as usize;
        let mut change = vec![0i64; span + 1];
        for p in &self.people {
            if let Some(from) = p.party_from {
                change[(from - self.first).clamp(0, span as i32) as usize] += 1;
                if let Some(left) = p.left {
                    change[(left - self.first).clamp(0, span as i32) as usize] -= 1;
                }
            }
        }
        let mut cumulative = Vec::with_capacity(span);
        let (mut members, mut total) = (0i64, 0u64);
        for c in &change[..span] {
            members += c;
            total += members.max(0) as u64 + 3;
            cumulative.push(total);
        }
        let mut days: Vec<i32> = (0..extra)
            .map(|_| {
                let r = self.rng.roll(total);
                self.first + cumulative.partition_point(|&c| c <= r) as i32
            })
            .collect();
        days.sort_unstable();
        let first_id = next_id(self.conn, "activities")?;
        for ((k, day), id) in days.into_iter().enumerate().zip(first_id..) {
            let a = self.plan_activity(day);
            let host = a.host;
            let title = std::mem::take(&mut self.text);
            self.minutes(&a, day);
            let content = std::mem::take(&mut self.text);
            let decisions = std::mem::take(&mut self.extra);
            let campaign = self
                .campaigns
                .iter()
                .find(|(s, e, _)| *s <= day && day <= *e)
                .map(|c| c.2)
                .filter(|_| self.rng.chance(30));
            let project = self
                .projects
                .get(&self.days.year(day))
                .copied()
                .filter(|_| self.rng.chance(10));
            let recorder = a
                .expected
                .iter()
                .copied()
                .find(|p| Some(*p) != host && self.rng.chance(30));
            let created = stamp(self.days.s(day), id);
            add.add(params![
                id,
                a.kind,
                self.days.s(day),
                self.rng.pick(TIMES),
                a.place,
                title,
                host,
                recorder,
                a.group,
                a.other_org,
                a.visited,
                campaign,
                project,
                content,
                decisions,
                created,
                created,
            ])?;
            for &person in &a.expected {
                let (status, reason) = match self.rng.roll(100) {
                    0..=87 => ("present", ""),
                    88..=94 => ("on_leave", *self.rng.pick(LEAVE_REASONS)),
                    _ => ("absent", ""),
                };
                attend.add(params![
                    id,
                    person,
                    None::<&str>,
                    "expected",
                    status,
                    reason
                ])?;
            }
            for &person in &a.invited {
                attend.add(params![id, person, None::<&str>, "invited", "present", ""])?;
            }
            for guest in &a.guests {
                attend.add(params![id, None::<i64>, guest, "guest", "present", ""])?;
            }
            if let Some(speaker) = a.speaker {
                speak.add(params![id, speaker])?;
            }
            if (k as u64 + 1).is_multiple_of(BATCH) {
                add.flush()?;
                attend.flush()?;
                speak.flush()?;
            }
            self.tick("activities", k as u64 + 1, extra);
        }
        add.finish()?;
        attend.finish()?;
        speak.finish()?;
        (self.progress)("activities", extra, extra);
        Ok(())
    }

    /// Chooses the kind of an activity on `day`, who was expected, and writes its title to `self.text`.
    fn plan_activity(&mut self, day: i32) -> Planned {
        let date = self.days.date(day);
        let (year, month) = (date.year(), date.month());
        let mut roll = self.rng.roll(1000);
        // A group with members that day (or none: then it is a committee meeting).
        let mut group = None;
        let mut members = Vec::new();
        for _ in 0..4 {
            if self.groups.is_empty() {
                break;
            }
            let g = *self.rng.pick(&self.groups);
            let m = self.group_members_on(g, day);
            if !m.is_empty() {
                group = Some(g);
                members = m;
                break;
            }
        }
        let committee = self.committee_on(day);
        // One committee, which meets a few times a month at most, whatever the size of the branch.
        let committee_free = !committee.is_empty() && day - self.last_committee_meeting >= 10;
        if group.is_none() {
            // No group has members that day: the committee meets, or else the whole branch.
            roll = if committee_free { 740 } else { 999 };
        } else if (730..810).contains(&roll) && !committee_free {
            roll = 0;
        }
        if (730..810).contains(&roll) {
            self.last_committee_meeting = day;
        }
        // Committee members take turns to host (支委轮流主持).
        let turn = match committee.is_empty() {
            true => None,
            false => Some(*self.rng.pick(&committee)),
        };
        let theme = *self.rng.pick(THEMES);
        let mut p = Planned {
            kind: "study",
            group,
            place: ROOMS[self.rng.roll(ROOMS.len() as u64) as usize],
            other_org: "",
            visited: String::new(),
            host: group.and_then(|g| self.leaders.get(&g).copied()),
            expected: members,
            invited: Vec::new(),
            guests: Vec::new(),
            speaker: None,
            theme,
        };
        self.text.clear();
        use std::fmt::Write;
        match roll {
            0..=349 => {
                p.kind = "group_meeting";
                let _ = write!(self.text, "{year}年{month}月党小组会：{theme}");
            }
            350..=549 => {
                p.kind = "study";
                let doc = *self.rng.pick(DOCUMENTS);
                let _ = match self.rng.roll(3) {
                    0 => write!(self.text, "理论学习：{doc}"),
                    1 => write!(self.text, "专题学习：{theme}"),
                    _ => write!(self.text, "学习{doc}，研讨{theme}"),
                };
                let n = self.rng.roll(3) as usize;
                p.invited = self.invited_on(day, n);
            }
            550..=629 => {
                p.kind = "practice";
                let venue = *self.rng.pick(VENUES);
                p.place = venue;
                let _ = write!(self.text, "赴{venue}参观学习");
                let n = self.rng.roll(3) as usize;
                p.invited = self.invited_on(day, n);
            }
            630..=729 => {
                p.kind = "theme_day";
                let _ = write!(self.text, "{year}年{month}月主题党日：{theme}");
            }
            730..=809 => {
                p.kind = "committee_meeting";
                p.group = None;
                p.expected = committee.clone();
                p.host = turn;
                let agenda = *self.rng.pick(AGENDAS);
                let _ = write!(self.text, "{year}年{month}月支委会：研究{agenda}");
            }
            810..=869 => {
                p.kind = "party_lecture";
                p.speaker = Some(*self.rng.pick(&p.expected));
                let _ = write!(self.text, "专题党课：{theme}");
            }
            870..=919 => {
                p.kind = "talk";
                let person = *self.rng.pick(&p.expected);
                let host = turn.unwrap_or(person);
                p.host = Some(host);
                p.expected = if host == person {
                    vec![person]
                } else {
                    vec![host, person]
                };
                let name = self.name_of(person).to_string();
                let _ = write!(self.text, "谈心谈话：与{name}同志谈{theme}");
            }
            920..=949 => {
                p.kind = "visit";
                let who = *self.rng.pick(VISITED);
                p.visited = format!("{who}{}", self.name());
                p.expected.truncate(1 + self.rng.roll(3) as usize);
                let _ = write!(self.text, "走访慰问{who}");
            }
            950..=969 => {
                p.kind = "joint_activity";
                let partner = *self.rng.pick(PARTNERS);
                p.other_org = partner;
                for _ in 0..=self.rng.roll(3) {
                    let guest = self.name();
                    p.guests.push(guest);
                }
                let _ = write!(self.text, "与{partner}交流共建：{theme}");
            }
            970..=979 => {
                p.kind = "other";
                let event = *self.rng.pick(EVENTS);
                let _ = write!(self.text, "{event}{theme}知识竞赛");
            }
            980..=991 => {
                p.kind = "review_meeting";
                let _ = write!(self.text, "{year}年度组织生活会");
            }
            992..=997 => {
                p.kind = "member_appraisal";
                let _ = write!(self.text, "{year}年度民主评议党员");
            }
            _ => {
                // The whole branch.
                p.kind = "general_meeting";
                p.group = None;
                p.expected = self
                    .people
                    .iter()
                    .filter(|m| m.member_on(day))
                    .map(|m| m.id)
                    .collect();
                p.host = turn;
                p.place = "主楼报告厅";
                let _ = write!(
                    self.text,
                    "{year}年第{}季度支部党员大会",
                    (month - 1) / 3 + 1
                );
            }
        }
        if p.host.is_none_or(|h| !self.in_branch(h, day)) {
            p.host = p.expected.first().copied();
        }
        p
    }

    /// The minutes (`self.text`) and, for some, the decisions (`self.extra`).
    fn minutes(&mut self, a: &Planned, day: i32) {
        use std::fmt::Write;
        self.text.clear();
        self.extra.clear();
        let host = a
            .host
            .map(|h| self.name_of(h).to_string())
            .unwrap_or_default();
        let expected = a.expected.len();
        let _ = match a.kind {
            _ if host.is_empty() => Ok(()),
            "talk" => write!(self.text, "{host}同志与对方进行了谈心谈话。"),
            "visit" => write!(self.text, "{host}同志带队走访慰问{}。", a.visited),
            "practice" => write!(self.text, "{host}同志带队，{expected}名党员参加。"),
            _ => write!(self.text, "会议由{host}主持，应到{expected}人。"),
        };
        let someone = |g: &mut Self| -> String {
            match a.expected.is_empty() {
                true => g.name(),
                false => {
                    let id = *g.rng.pick(&a.expected);
                    g.name_of(id).to_string()
                }
            }
        };
        for _ in 0..=self.rng.roll(3) {
            let theme = *self.rng.pick(THEMES);
            let name = someone(self);
            let _ = match self.rng.roll(7) {
                0 => write!(
                    self.text,
                    "{name}同志领学了{}，大家结合{}谈了学习体会。",
                    self.rng.pick(DOCUMENTS),
                    a.theme
                ),
                1 => write!(
                    self.text,
                    "与会党员围绕{}展开讨论，认为要把{theme}落到实处。",
                    a.theme
                ),
                2 => write!(
                    self.text,
                    "会议通报了{}的进展，{name}同志作了补充说明。",
                    self.rng.pick(AGENDAS)
                ),
                3 => write!(
                    self.text,
                    "{name}同志结合自身工作，分享了在{theme}方面的做法和思考。"
                ),
                4 => write!(
                    self.text,
                    "大家一致认为，要以{theme}为抓手，推动平台{}再上新台阶。",
                    self.rng.pick(WORK)
                ),
                5 => write!(
                    self.text,
                    "会上还就{}听取了群众意见，{name}同志记录整理。",
                    self.rng.pick(AGENDAS)
                ),
                _ => write!(
                    self.text,
                    "{name}同志介绍了{}的情况，大家深受教育。",
                    self.rng.pick(VENUES)
                ),
            };
        }
        if self.rng.chance(50) {
            let name = someone(self);
            let _ = match self.rng.roll(5) {
                0 => write!(self.extra, "会议决定：{name}同志列为入党积极分子培养对象。"),
                1 => write!(
                    self.extra,
                    "会议决定：下次学习由{name}同志领学{}。",
                    self.rng.pick(DOCUMENTS)
                ),
                2 => write!(self.extra, "会议决定：由{name}同志负责宣传栏下一期的编辑。"),
                3 => write!(self.extra, "会议决定：按季度收缴党费，由组织委员负责。"),
                _ => write!(
                    self.extra,
                    "会议决定：{}年围绕{}开展一次专题调研。",
                    self.days.year(day),
                    self.rng.pick(THEMES)
                ),
            };
        }
    }

    // ---------------------------------------------------------------- bookshelf

    fn borrower_on(&mut self, day: i32) -> i64 {
        for _ in 0..30 {
            let p = self.rng.pick(&self.people);
            if p.in_branch(day) {
                return p.id;
            }
        }
        self.people
            .iter()
            .find(|p| p.in_branch(day))
            .unwrap_or(&self.people[0])
            .id
    }

    fn grow_bookshelf(&mut self) -> Result<()> {
        let existing = count(self.conn, "loans")?;
        let extra = self.targets.loans.saturating_sub(existing);
        if extra == 0 {
            return Ok(());
        }
        let scale = (self.targets.loans / 10_000).max(1);
        let titles = 120 * scale;
        let copies_wanted = 250 * scale;
        let conn = self.conn;
        let mut add_title = Stage::new(
            conn,
            "book_titles",
            "id, name, authors, publisher, year, isbn, category, notes, created_at, updated_at",
        )?;
        let mut add_tag = Stage::new(conn, "book_tags", "title_id, tag")?;
        let mut add_copy = self.conn.prepare(
            "INSERT INTO book_copies (id, title_id, label, location, place, source, donor, added_on, condition,
                                      state, state_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        let mut add_loan = self.conn.prepare(
            "INSERT INTO loans (copy_id, person_id, loaned_on, due_on, renewals, returned_on, return_note,
                                lost_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let first_title = next_id(self.conn, "book_titles")?;
        let mut copy_id = next_id(self.conn, "book_copies")?;
        let mut label: i64 = self.conn.query_row(
            "SELECT coalesce(max(CAST(substr(label, 4) AS INTEGER)), 0) + 1 FROM book_copies WHERE label LIKE 'SJ-%'",
            [],
            |r| r.get(0),
        )?;
        // Titles and copies first: (copy id, added day).
        let mut copies: Vec<(i64, i32)> = Vec::new();
        let combos = BOOK_PREFIXES.len() * BOOK_SUBJECTS.len() * BOOK_SUFFIXES.len();
        for (i, title_id) in (0..titles as usize).zip(first_title..) {
            let j = (i * 7_919) % combos;
            let mut name = format!(
                "{}{}{}",
                BOOK_PREFIXES[j / (BOOK_SUBJECTS.len() * BOOK_SUFFIXES.len())],
                BOOK_SUBJECTS[(j / BOOK_SUFFIXES.len()) % BOOK_SUBJECTS.len()],
                BOOK_SUFFIXES[j % BOOK_SUFFIXES.len()]
            );
            if i >= combos {
                name.push_str(&format!("（第{}版）", i / combos + 1));
            }
            let authors = match self.rng.roll(4) {
                0 => format!("{}、{}", self.name(), self.name()),
                1 => format!("{} 主编", self.name()),
                _ => self.name(),
            };
            let acquired = self.rng.between(self.first as i64, self.today as i64 - 200) as i32;
            let year = self.rng.between(1990, self.days.year(acquired) as i64);
            let isbn = self.rng.chance(60).then(|| isbn(title_id));
            let created = stamp(self.days.s(acquired), title_id);
            add_title.add(params![
                title_id,
                name,
                authors,
                self.rng.pick(PUBLISHERS),
                year,
                isbn,
                self.rng.pick(BOOK_CATEGORIES),
                "",
                created,
                created,
            ])?;
            let first_tag = self.rng.roll(BOOK_TAGS.len() as u64) as usize;
            for t in 0..=self.rng.roll(2) as usize {
                let tag = BOOK_TAGS[(first_tag + t * 5) % BOOK_TAGS.len()];
                add_tag.add(params![title_id, tag])?;
            }
            // One to three copies; the extra ones arrive later.
            let n = (copies_wanted as usize * (i + 1) / titles as usize)
                - (copies_wanted as usize * i / titles as usize);
            for c in 0..n.max(1) {
                let added = match c {
                    0 => acquired,
                    _ => (acquired + self.rng.between(0, 400) as i32).min(self.today - 30),
                };
                copies.push((title_id, added));
            }
            self.tick("book titles", i as u64 + 1, titles);
        }
        // The copies (written directly, as the loans: no search index to keep) need their titles. The
        // tags go first, as an issue's topics do (see `grow_bulletins`).
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        add_tag.finish()?;
        add_title.finish()?;
        (self.progress)("book titles", titles, titles);
        conn.execute_batch("PRAGMA defer_foreign_keys = OFF")?;
        // Loans, copy by copy: each copy's share spread over its time on the shelf.
        let spans: Vec<i64> = copies
            .iter()
            .map(|(_, added)| (self.today - added) as i64)
            .collect();
        let total_span: i64 = spans.iter().sum();
        let mut quotas: Vec<u64> = Vec::new();
        let mut assigned = 0u64;
        let mut running = 0i64;
        for span in &spans {
            running += span;
            let upto = (extra as i128 * running as i128 / total_span.max(1) as i128) as u64;
            let cap = (*span as u64 / 10).max(1);
            let q = upto.saturating_sub(assigned).min(cap);
            quotas.push(q);
            assigned += q;
        }
        // What the caps left over goes to the copies with room.
        let mut i = 0;
        while assigned < extra && i < quotas.len() * 4 {
            let c = i % quotas.len();
            if quotas[c] < (spans[c] as u64 / 10).max(1) {
                quotas[c] += 1;
                assigned += 1;
            }
            i += 1;
        }
        let mut made = 0u64;
        for (c, &(title, added)) in copies.iter().enumerate() {
            let q = quotas[c] as i64;
            let span = spans[c];
            let slot = if q > 0 { span / q } else { span };
            let mut state = "available";
            let mut state_on: Option<i32> = None;
            let mut loans: Vec<LoanRow> = Vec::new();
            for k in 0..q {
                let start = added + (k * slot) as i32;
                let on =
                    (start + self.rng.roll((slot / 4).max(1) as u64) as i32).min(self.today - 1);
                let room = (start + slot as i32 - on - 1).max(1);
                let mut back = on + self.rng.between(7, (room as i64).clamp(7, 80)) as i32;
                back = back.min(start + slot as i32 - 1);
                let last = k == q - 1;
                let person = self.borrower_on(on);
                let mut loan = LoanRow {
                    person,
                    on,
                    due: on + 30,
                    renewals: 0,
                    returned: Some(back.max(on)),
                    note: "",
                    lost: None,
                };
                if last && self.rng.chance(2) {
                    let lost = (on + self.rng.between(45, 90) as i32).min(self.today - 1);
                    loan.returned = None;
                    loan.lost = Some(lost.max(on));
                    state = "lost";
                    state_on = loan.lost;
                } else if last && (back >= self.today || self.rng.chance(10)) {
                    // Still out: lent in the last weeks, a third of them past due.
                    loan.returned = None;
                    loan.on = (self.today - self.rng.between(1, 45) as i32).max(start);
                    loan.due = loan.on + 30;
                    loan.person = self.borrower_on(loan.on);
                    state = "on_loan";
                } else {
                    let back = back.min(self.today - 1).max(on);
                    loan.returned = Some(back);
                    let days = back - on;
                    if days > 30 && self.rng.chance(70) {
                        loan.renewals = ((days - 1) / 30).min(2) as i64;
                        loan.due = on + 30 * (1 + loan.renewals as i32);
                    }
                    if self.rng.roll(8) == 0 {
                        loan.note = *self.rng.pick(RETURN_NOTES);
                    }
                    if last && self.rng.chance(1) && back + 10 < self.today {
                        state = "withdrawn";
                        state_on = Some(back + self.rng.between(1, 10) as i32);
                    }
                }
                loans.push(loan);
            }
            let (location, source) = match self.rng.roll(10) {
                0..=5 => ("bookshelf", "purchase"),
                6..=7 => ("reading_corner", "donation"),
                _ => ("bookshelf", "allocated"),
            };
            let donor = match source {
                "donation" => self.name(),
                _ => String::new(),
            };
            add_copy.execute(params![
                copy_id,
                title,
                format!("SJ-{label:04}"),
                location,
                source,
                donor,
                self.days.s(added),
                self.rng.pick(CONDITIONS),
                state,
                state_on.map(|d| self.days.s(d)),
                stamp(self.days.s(added), copy_id),
            ])?;
            for loan in loans {
                add_loan.execute(params![
                    copy_id,
                    loan.person,
                    self.days.s(loan.on),
                    self.days.s(loan.due),
                    loan.renewals,
                    loan.returned.map(|d| self.days.s(d)),
                    loan.note,
                    loan.lost.map(|d| self.days.s(d)),
                    stamp(self.days.s(loan.on), made as i64),
                ])?;
                made += 1;
                self.tick("loans", made, extra);
            }
            copy_id += 1;
            label += 1;
        }
        (self.progress)("loans", made, extra);
        Ok(())
    }

    // ---------------------------------------------------------------- bulletins

    fn editor_on(&mut self, day: i32) -> i64 {
        for _ in 0..30 {
            let p = self.rng.pick(&self.people);
            if p.member_on(day) {
                return p.id;
            }
        }
        self.borrower_on(day)
    }

    fn grow_bulletins(&mut self) -> Result<()> {
        let existing = count(self.conn, "bulletin_issues")?;
        let extra = self.targets.bulletin_issues.saturating_sub(existing);
        if extra == 0 {
            return Ok(());
        }
        // The series: the demo's, then new ones; (id, kind, next number, first day).
        let mut series: Vec<(i64, String, i64, i32)> = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT s.id, s.name, coalesce(max(i.number), 0) + 1, max(i.publish_date)
                 FROM bulletin_series s LEFT JOIN bulletin_issues i ON i.series_id = s.id
                 WHERE s.deleted_at IS NULL GROUP BY s.id ORDER BY s.id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?;
            for row in rows {
                let (id, name, next, last) = row?;
                let from = last
                    .and_then(|l| self.days.parse(&l))
                    .map_or(self.first, |d| d + 1);
                series.push((id, name, next, from));
            }
        }
        let mut add_series = self.conn.prepare(
            "INSERT INTO bulletin_series (id, name, kind, notes) VALUES (?1, ?2, ?3, '')",
        )?;
        let mut id = next_id(self.conn, "bulletin_series")?;
        for (name, kind) in NEW_SERIES {
            if series.iter().any(|s| s.1 == *name) {
                continue;
            }
            add_series.execute(params![id, name, kind])?;
            let from = self.first + self.rng.roll(400) as i32;
            series.push((id, name.to_string(), 1, from));
            id += 1;
        }
        let conn = self.conn;
        let mut add_issue = Stage::new(
            conn,
            "bulletin_issues",
            "id, series_id, number, title, publish_date, status, body, link, created_at, updated_at",
        )?;
        let mut add_topic = Stage::new(conn, "bulletin_topics", "issue_id, topic")?;
        // An issue's topics go in before the issue (their foreign key checked at the end of the
        // transaction): the trigger on topics rewrites the issue's search entry for each topic added
        // after it, which took a third of the whole generation.
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let mut add_editor = Stage::new(conn, "bulletin_editors", "issue_id, person_id")?;
        let mut issue_id = next_id(self.conn, "bulletin_issues")?;
        let n_series = series.len() as u64;
        let mut made = 0u64;
        for (s, (series_id, series_name, first_number, from)) in series.iter().enumerate() {
            let share = extra * (s as u64 + 1) / n_series - extra * s as u64 / n_series;
            let from = (*from).min(self.today - 60);
            let mut days: Vec<i32> = (0..share)
                .map(|_| self.rng.between(from as i64, self.today as i64 - 1) as i32)
                .collect();
            days.sort_unstable();
            let briefing = series_name.contains("简报");
            for (k, day) in days.into_iter().enumerate() {
                let number = first_number + k as i64;
                let unfinished = share - k as u64 <= 2;
                let (status, date) = match (unfinished, self.rng.roll(2)) {
                    (true, 0) => ("planned", None),
                    (true, _) => ("draft", Some(day)),
                    _ => ("published", Some(day)),
                };
                let theme = *self.rng.pick(THEMES);
                let title = if briefing {
                    format!("{series_name}（第{number}期）")
                } else {
                    match self.rng.roll(3) {
                        0 => format!("{}{theme}", self.rng.pick(ISSUE_OPENERS)),
                        1 => format!("{}学习专栏", self.rng.pick(DOCUMENTS)),
                        _ => format!("喜迎{}：{theme}", self.rng.pick(EVENTS)),
                    }
                };
                let editor = self.editor_on(day);
                let (work, about) = (*self.rng.pick(WORK), *self.rng.pick(THEMES));
                let body = format!(
                    "本期围绕{theme}，介绍了平台在{work}方面的工作，并刊登了{}同志的学习体会《{about}》。",
                    self.name_of(editor)
                );
                let link = match series_name.contains("公众号") {
                    true => format!("https://mp.weixin.qq.com/s/{issue_id:x}{number:x}"),
                    false => String::new(),
                };
                let created = stamp(self.days.s(day), issue_id);
                add_issue.add(params![
                    issue_id,
                    series_id,
                    number,
                    title,
                    date.map(|d| self.days.s(d)),
                    status,
                    body,
                    link,
                    created,
                    created,
                ])?;
                let mut topics = vec![theme];
                for _ in 0..self.rng.roll(3) {
                    let t = match self.rng.chance(50) {
                        true => *self.rng.pick(EVENTS),
                        false => *self.rng.pick(THEMES),
                    };
                    if !topics.contains(&t) {
                        topics.push(t);
                    }
                }
                for t in topics {
                    add_topic.add(params![issue_id, t])?;
                }
                add_editor.add(params![issue_id, editor])?;
                if self.rng.chance(40) {
                    let second = self.editor_on(day);
                    if second != editor {
                        add_editor.add(params![issue_id, second])?;
                    }
                }
                if status == "published" {
                    self.published.push((day, issue_id));
                }
                issue_id += 1;
                made += 1;
                if made.is_multiple_of(BATCH) {
                    add_topic.flush()?;
                    add_issue.flush()?;
                    add_editor.flush()?;
                }
                self.tick("bulletin issues", made, extra);
            }
        }
        add_topic.finish()?;
        add_issue.finish()?;
        add_editor.finish()?;
        (self.progress)("bulletin issues", extra, extra);
        conn.execute_batch("PRAGMA defer_foreign_keys = OFF")?;
        self.published.sort_unstable();
        Ok(())
    }

    // ---------------------------------------------------------------- suggestions

    fn grow_suggestions(&mut self) -> Result<()> {
        let existing = count(self.conn, "suggestions")?;
        let extra = self.targets.suggestions.saturating_sub(existing);
        if extra == 0 {
            return Ok(());
        }
        let conn = self.conn;
        let mut add = Stage::new(
            conn,
            "suggestions",
            "id, received_on, channel, author_kind, author_id, author_name, category, content, assignee_id,
             status, decline_reason, response, responded_on, publish_response, published_issue_id,
             created_at, updated_at",
        )?;
        let mut add_note = Stage::new(conn, "suggestion_notes", "suggestion_id, date, note")?;
        let mut days: Vec<i32> = (0..extra)
            .map(|_| {
                self.rng
                    .between(self.first as i64 + 90, self.today as i64 - 1) as i32
            })
            .collect();
        days.sort_unstable();
        let first_id = next_id(self.conn, "suggestions")?;
        for ((k, day), id) in days.into_iter().enumerate().zip(first_id..) {
            let (kind, author_id, author_name) = match self.rng.roll(100) {
                0..=39 => ("person", Some(self.borrower_on(day)), None),
                40..=64 => ("named", None, Some(self.name())),
                _ => ("anonymous", None, None),
            };
            let content = format!(
                "{}{}{}{}",
                self.rng.pick(SUGGESTION_OPENERS),
                self.rng.pick(SUGGESTION_ACTIONS),
                self.rng.pick(SUGGESTION_OBJECTS),
                self.rng.pick(SUGGESTION_REASONS)
            );
            let age = self.today - day;
            let roll = self.rng.roll(100);
            let status = match age {
                61.. => match roll {
                    0..=54 => "answered",
                    55..=84 => "closed",
                    85..=95 => "declined",
                    _ => "in_progress",
                },
                14..=60 => match roll {
                    0..=39 => "answered",
                    40..=79 => "in_progress",
                    _ => "new",
                },
                _ => match roll {
                    0..=59 => "new",
                    _ => "in_progress",
                },
            };
            let committee = self.committee_on(day);
            let assignee = match status {
                "new" => None,
                _ => committee
                    .get(self.rng.roll(committee.len().max(1) as u64) as usize)
                    .copied(),
            };
            let answered = matches!(status, "answered" | "closed" | "declined");
            let responded = answered.then(|| {
                (day + self.rng.between(1, 40) as i32)
                    .min(self.today - 1)
                    .max(day)
            });
            let (response, decline) = match status {
                "answered" | "closed" => (
                    format!(
                        "已与{}沟通，{}。",
                        self.rng.pick(DEPARTMENTS),
                        self.rng.pick(RESULTS)
                    ),
                    "",
                ),
                "declined" => (String::new(), *self.rng.pick(DECLINE_REASONS)),
                _ => (String::new(), ""),
            };
            let publish = !response.is_empty() && self.rng.chance(20);
            let issue = match (publish, responded) {
                (true, Some(r)) => {
                    let at = self.published.partition_point(|(d, _)| *d < r);
                    self.published.get(at).map(|(_, id)| *id)
                }
                _ => None,
            };
            let received = self.days.s(day).to_string();
            add.add(params![
                id,
                received,
                self.rng
                    .pick(&["box", "face_to_face", "online", "phone", "other"]),
                kind,
                author_id,
                author_name,
                self.rng.pick(SUGGESTION_CATEGORIES),
                content,
                assignee,
                status,
                decline,
                response,
                responded.map(|d| self.days.s(d)),
                publish,
                issue,
                stamp(&received, id),
                stamp(self.days.s(responded.unwrap_or(day)), id),
            ])?;
            if status != "new" && self.rng.chance(40) {
                let until = responded.unwrap_or(self.today - 1);
                for _ in 0..=self.rng.roll(2) {
                    let on = self.rng.between(day as i64, until as i64) as i32;
                    add_note.add(params![
                        id,
                        self.days.s(on),
                        self.rng.pick(NOTES_ON_SUGGESTIONS)
                    ])?;
                }
            }
            if (k as u64 + 1).is_multiple_of(BATCH) {
                add.flush()?;
                add_note.flush()?;
            }
            self.tick("suggestions", k as u64 + 1, extra);
        }
        add.finish()?;
        add_note.finish()?;
        (self.progress)("suggestions", extra, extra);
        Ok(())
    }
}

/// Rows of one table written in batches: first into a temporary table of the same columns (a bare
/// prepared-statement loop), then moved into the ledger with one `INSERT … SELECT` per batch. The
/// ledger's triggers and checks run for every row as usual, but SQLite's full-text index, which writes
/// out what it has collected at the end of each statement, then does so once a batch instead of once
/// a row (five times less work for the search index).
struct Stage<'c> {
    conn: &'c Connection,
    add: rusqlite::Statement<'c>,
    flush: String,
    finish: String,
    pending: usize,
}

/// Rows moved into the ledger at a time.
const BATCH: u64 = 5_000;

impl<'c> Stage<'c> {
    fn new(conn: &'c Connection, table: &str, columns: &str) -> Result<Stage<'c>> {
        let columns = columns.split_whitespace().collect::<Vec<_>>().join(" ");
        let temp = format!("temp.grow_{table}");
        conn.execute_batch(&format!(
            "CREATE TABLE {temp} AS SELECT {columns} FROM main.{table} WHERE 0"
        ))?;
        let marks = vec!["?"; columns.split(',').count()].join(", ");
        let add = conn.prepare(&format!("INSERT INTO {temp} ({columns}) VALUES ({marks})"))?;
        Ok(Stage {
            conn,
            add,
            flush: format!(
                "INSERT INTO main.{table} ({columns}) SELECT {columns} FROM {temp} ORDER BY rowid;
                 DELETE FROM {temp};"
            ),
            finish: format!("DROP TABLE {temp};"),
            pending: 0,
        })
    }

    fn add(&mut self, values: &[&dyn rusqlite::ToSql]) -> Result<()> {
        self.add.execute(values)?;
        self.pending += 1;
        Ok(())
    }

    /// Moves the rows added so far into the ledger.
    fn flush(&mut self) -> Result<()> {
        if self.pending > 0 {
            self.conn.execute_batch(&self.flush)?;
            self.pending = 0;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush()?;
        let Stage {
            conn, add, finish, ..
        } = self;
        drop(add);
        conn.execute_batch(&finish)?;
        Ok(())
    }
}

/// An activity being made: its kind and who was expected.
struct Planned {
    kind: &'static str,
    group: Option<i64>,
    place: &'static str,
    other_org: &'static str,
    visited: String,
    host: Option<i64>,
    expected: Vec<i64>,
    invited: Vec<i64>,
    guests: Vec<String>,
    speaker: Option<i64>,
    theme: &'static str,
}

struct LoanRow {
    person: i64,
    on: i32,
    due: i32,
    renewals: i64,
    returned: Option<i32>,
    note: &'static str,
    lost: Option<i32>,
}

/// A valid ISBN-13 (prefix 979-7, unused by Chinese publishers) made from a number.
pub fn isbn(n: i64) -> String {
    let body = format!("9797{:08}", n % 100_000_000);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}
