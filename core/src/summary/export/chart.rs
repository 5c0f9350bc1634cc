//! The summary's charts: one geometry (the plot and its layout), drawn as PNG pixels for Word (no
//! text: a caption and a data table beside it say what it shows) or as SVG with labels for the HTML
//! page; and the data table, title and caption of each chart.

use super::{
    count_of, esc, num_text, t, text_width, txt, Cell, Chart, Lang, Stage, Summary, Table,
};
use crate::activities::ActivityKind;

pub(super) fn chart_table(chart: Chart, s: &Summary, lang: Lang) -> Table {
    match chart {
        Chart::MembersByYear => {
            let headers: &[&str] = match lang {
                Lang::Zh => &[
                    "年份",
                    "正式党员",
                    "预备党员",
                    "党员合计",
                    "发展对象",
                    "入党积极分子",
                    "入党申请人",
                ],
                Lang::En => &[
                    "Year",
                    "Full",
                    "Probationary",
                    "Members",
                    "Candidates",
                    "Activists",
                    "Applicants",
                ],
            };
            let mut table = Table::new("members-by-year", chart_title(chart, lang), headers);
            for p in &s.charts.members_by_year {
                let c = &p.counts;
                table.rows.push(vec![
                    Cell::Int(p.year as i64),
                    Cell::Int(c.full),
                    Cell::Int(c.probationary),
                    Cell::Int(c.members()),
                    Cell::Int(c.candidate),
                    Cell::Int(c.activist),
                    Cell::Int(c.applicant),
                ]);
            }
            table
        }
        Chart::ActivitiesPerMonth => {
            let mut table = Table::new(
                "activities-per-month",
                chart_title(chart, lang),
                &[
                    lang.pick("月份", "Month"),
                    lang.pick("活动次数", "Activities"),
                ],
            );
            for (month, n) in &s.charts.activities_per_month {
                table.rows.push(vec![txt(month.clone()), Cell::Int(*n)]);
            }
            table
        }
        Chart::AttendanceByKind => {
            let mut table = Table::new(
                "attendance-by-kind",
                chart_title(chart, lang),
                &[
                    lang.pick("类型", "Kind"),
                    lang.pick("出席率", "Attendance rate"),
                ],
            );
            for (kind, r) in &s.charts.attendance_by_kind {
                table.rows.push(vec![
                    txt(ActivityKind::label_of(kind, lang)),
                    Cell::Rate(Some(*r)),
                ]);
            }
            table
        }
    }
}

pub(super) fn chart_title(chart: Chart, lang: Lang) -> String {
    match chart {
        Chart::MembersByYear => t(lang, "历年党员队伍", "Members by stage over the years"),
        Chart::ActivitiesPerMonth => t(lang, "每月组织生活次数", "Activities per month"),
        Chart::AttendanceByKind => t(lang, "各类组织生活出席率", "Attendance rate by kind"),
    }
}

/// "图1 历年党员队伍（…）": what the picture shows, since the PNG carries no text.
pub(super) fn chart_caption(chart: Chart, s: &Summary, lang: Lang, number: usize) -> String {
    let plot = plot(chart, s, lang);
    let step = if plot.percent {
        format!("{}%", num_text(plot.step * 100.0))
    } else {
        num_text(plot.step)
    };
    let detail = match (chart, lang) {
        (Chart::MembersByYear, Lang::Zh) => format!(
            "每年 12 月 31 日人数，柱自下而上：深红 正式党员、红 预备党员、橙 发展对象、黄 入党积极分子、灰 入党申请人；横线每格 {step} 人"
        ),
        (Chart::MembersByYear, Lang::En) => format!(
            "head count on 31 December; each bar from the bottom: dark red full members, red probationary, orange candidates, yellow activists, grey applicants; grid lines every {step}"
        ),
        (Chart::ActivitiesPerMonth, Lang::Zh) => format!("横线每格 {step} 次"),
        (Chart::ActivitiesPerMonth, Lang::En) => format!("grid lines every {step}"),
        (Chart::AttendanceByKind, Lang::Zh) => format!("横线每格 {step}"),
        (Chart::AttendanceByKind, Lang::En) => format!("grid lines every {step}"),
    };
    match lang {
        Lang::Zh => format!("图{number} {}（{detail}）", chart_title(chart, lang)),
        Lang::En => format!("Figure {number}. {} ({detail})", chart_title(chart, lang)),
    }
}

/// The stages stacked in the members chart, bottom first.
const STACKED: [Stage; 5] = [
    Stage::Full,
    Stage::Probationary,
    Stage::Candidate,
    Stage::Activist,
    Stage::Applicant,
];
pub(super) const STACK_COLOURS: [[u8; 3]; 5] = [
    [0x8e, 0x16, 0x16],
    [0xe5, 0x39, 0x35],
    [0xfb, 0x8c, 0x00],
    [0xfd, 0xd8, 0x35],
    [0x90, 0xa4, 0xae],
];
pub(super) const BAR_COLOUR: [u8; 3] = [0xc6, 0x28, 0x28];
const GRID_COLOUR: [u8; 3] = [0xdd, 0xdd, 0xdd];
const AXIS_COLOUR: [u8; 3] = [0x55, 0x55, 0x55];

pub(super) struct Plot {
    pub(super) labels: Vec<String>,
    /// Per category, the values stacked bottom up (one per series).
    pub(super) stacks: Vec<Vec<f64>>,
    pub(super) colours: Vec<[u8; 3]>,
    pub(super) series: Vec<String>,
    pub(super) top: f64,
    pub(super) step: f64,
    pub(super) percent: bool,
}

fn nice_scale(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = if norm <= 1.0 {
        mag
    } else if norm <= 2.0 {
        2.0 * mag
    } else if norm <= 5.0 {
        5.0 * mag
    } else {
        10.0 * mag
    };
    let step = step.max(1.0);
    ((max / step).ceil() * step, step)
}

pub(super) fn plot(chart: Chart, s: &Summary, lang: Lang) -> Plot {
    match chart {
        Chart::MembersByYear => {
            let points = &s.charts.members_by_year;
            let stacks: Vec<Vec<f64>> = points
                .iter()
                .map(|p| {
                    STACKED
                        .iter()
                        .map(|st| count_of(&p.counts, *st) as f64)
                        .collect()
                })
                .collect();
            let max = stacks
                .iter()
                .map(|v| v.iter().sum::<f64>())
                .fold(0.0, f64::max);
            let (top, step) = nice_scale(max);
            Plot {
                labels: points.iter().map(|p| p.year.to_string()).collect(),
                stacks,
                colours: STACK_COLOURS.to_vec(),
                series: STACKED
                    .iter()
                    .map(|st| st.label(lang).to_string())
                    .collect(),
                top,
                step,
                percent: false,
            }
        }
        Chart::ActivitiesPerMonth => {
            let points = &s.charts.activities_per_month;
            let max = points.iter().map(|p| p.1 as f64).fold(0.0, f64::max);
            let (top, step) = nice_scale(max);
            Plot {
                labels: points.iter().map(|p| p.0.clone()).collect(),
                stacks: points.iter().map(|p| vec![p.1 as f64]).collect(),
                colours: vec![BAR_COLOUR],
                series: vec![chart_title(chart, lang)],
                top,
                step,
                percent: false,
            }
        }
        Chart::AttendanceByKind => {
            let points = &s.charts.attendance_by_kind;
            Plot {
                labels: points
                    .iter()
                    .map(|p| ActivityKind::label_of(&p.0, lang))
                    .collect(),
                stacks: points.iter().map(|p| vec![p.1.clamp(0.0, 1.0)]).collect(),
                colours: vec![BAR_COLOUR],
                series: vec![chart_title(chart, lang)],
                top: 1.0,
                step: 0.25,
                percent: true,
            }
        }
    }
}

struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    colour: [u8; 3],
}

/// The bars of `plot` inside `frame`, and the y of each grid line (with its value).
fn layout(plot: &Plot, f: &Frame) -> (Vec<Rect>, Vec<(f64, f64)>) {
    let height = f.bottom - f.top;
    let y_of = |v: f64| f.bottom - (v / plot.top).min(1.0) * height;
    let mut grid = Vec::new();
    let mut v = 0.0;
    while v <= plot.top + plot.step / 1000.0 {
        grid.push((y_of(v), v));
        v += plot.step;
    }
    let n = plot.stacks.len().max(1) as f64;
    let slot = (f.right - f.left) / n;
    let bar = (slot * 0.68).max(1.0);
    let mut rects = Vec::new();
    for (i, stack) in plot.stacks.iter().enumerate() {
        let x = f.left + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = 0.0;
        for (j, value) in stack.iter().enumerate() {
            if *value <= 0.0 {
                continue;
            }
            let (y0, y1) = (y_of(base + value), y_of(base));
            rects.push(Rect {
                x,
                y: y0,
                w: bar,
                h: y1 - y0,
                colour: plot.colours[j % plot.colours.len()],
            });
            base += value;
        }
    }
    (rects, grid)
}

pub(super) const PNG_W: u32 = 800;
pub(super) const PNG_H: u32 = 360;

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![255; (w * h * 3) as usize],
        }
    }

    fn fill(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: [u8; 3]) {
        let clamp_x = |v: f64| (v.round().max(0.0) as u32).min(self.w);
        let clamp_y = |v: f64| (v.round().max(0.0) as u32).min(self.h);
        let (xa, xb) = (clamp_x(x0.min(x1)), clamp_x(x0.max(x1)));
        let (ya, yb) = (clamp_y(y0.min(y1)), clamp_y(y0.max(y1)));
        for y in ya..yb {
            for x in xa..xb {
                let i = ((y * self.w + x) * 3) as usize;
                self.px[i..i + 3].copy_from_slice(&c);
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.w, self.h);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("PNG header into memory");
            writer
                .write_image_data(&self.px)
                .expect("PNG data into memory");
        }
        out
    }
}

/// The chart as a PNG picture (800 × 360 pixels, bars and grid lines, no text: the caption and the
/// data table under it in the document say what it shows).
pub fn chart_png(chart: Chart, summary: &Summary) -> Vec<u8> {
    let plot = plot(chart, summary, Lang::Zh);
    let frame = Frame {
        left: 24.0,
        top: 16.0,
        right: PNG_W as f64 - 16.0,
        bottom: PNG_H as f64 - 24.0,
    };
    let (rects, grid) = layout(&plot, &frame);
    let mut canvas = Canvas::new(PNG_W, PNG_H);
    for (y, _) in &grid {
        canvas.fill(frame.left, y - 0.5, frame.right, y + 0.5, GRID_COLOUR);
    }
    for r in &rects {
        canvas.fill(r.x, r.y, r.x + r.w, r.y + r.h, r.colour);
    }
    // Axes, and a tick between categories.
    canvas.fill(
        frame.left - 1.0,
        frame.top,
        frame.left + 1.0,
        frame.bottom + 1.0,
        AXIS_COLOUR,
    );
    canvas.fill(
        frame.left - 1.0,
        frame.bottom - 1.0,
        frame.right,
        frame.bottom + 1.0,
        AXIS_COLOUR,
    );
    let n = plot.stacks.len();
    if n > 0 {
        let slot = (frame.right - frame.left) / n as f64;
        for i in 1..=n {
            let x = frame.left + slot * i as f64;
            canvas.fill(
                x - 0.5,
                frame.bottom,
                x + 0.5,
                frame.bottom + 6.0,
                AXIS_COLOUR,
            );
        }
    }
    canvas.png()
}

pub(super) fn colour_hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The chart as inline SVG (for the HTML page), with axis labels and a legend.
pub(super) fn chart_svg(chart: Chart, s: &Summary, lang: Lang) -> String {
    let plot = plot(chart, s, lang);
    let n = plot.labels.len();
    let long_labels = plot.labels.iter().any(|l| l.chars().count() > 4) && n > 5;
    let legend = plot.series.len() > 1;
    let frame = Frame {
        left: 56.0,
        top: if legend { 40.0 } else { 16.0 },
        right: 784.0,
        bottom: if long_labels { 300.0 } else { 330.0 },
    };
    let (w, h) = (800.0, if long_labels { 400.0 } else { 360.0 });
    let (rects, grid) = layout(&plot, &frame);
    let mut out = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(&chart_title(chart, lang))
    );
    for (y, v) in &grid {
        let label = if plot.percent {
            format!("{}%", num_text(v * 100.0))
        } else {
            num_text(*v)
        };
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{label}</text>",
            frame.left,
            frame.right,
            colour_hex(GRID_COLOUR),
            frame.left - 6.0,
            y + 4.0
        ));
    }
    for r in &rects {
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            r.x,
            r.y,
            r.w,
            r.h,
            colour_hex(r.colour)
        ));
    }
    out.push_str(&format!(
        "<line x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"{c}\"/><line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"{c}\"/>",
        l = frame.left,
        t = frame.top,
        b = frame.bottom,
        r = frame.right,
        c = colour_hex(AXIS_COLOUR)
    ));
    if n > 0 {
        let slot = (frame.right - frame.left) / n as f64;
        let every = n.div_ceil(24).max(1);
        for (i, label) in plot.labels.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let x = frame.left + slot * (i as f64 + 0.5);
            let y = frame.bottom + 16.0;
            if long_labels {
                out.push_str(&format!(
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"12\" text-anchor=\"end\" transform=\"rotate(-35 {x:.1} {y:.1})\">{}</text>",
                    esc(label)
                ));
            } else {
                out.push_str(&format!(
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                    esc(label)
                ));
            }
        }
    }
    if legend {
        let mut x = frame.left;
        for (name, colour) in plot.series.iter().zip(&plot.colours) {
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"12\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{:.1}\" y=\"24\" font-size=\"13\">{}</text>",
                colour_hex(*colour),
                x + 18.0,
                esc(name)
            ));
            x += 30.0 + 13.0 * text_width(name) as f64 / 2.0 * 1.1;
        }
    }
    out.push_str("</svg>");
    out
}
