//! The summary's charts: drawn once as SVG with axis values, category labels, a value on each bar
//! and a legend where there are several series. The window and the printable page show that SVG;
//! Word and PDF a picture of it (rasterised by `document::raster`); Excel a native chart of the
//! same data table. Also each chart's data table, title and caption.

use super::{
    count_of, esc, num_text, t, text_width, txt, Cell, Chart, Lang, Result, Stage, Summary, Table,
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

/// The chart as a PNG picture: the SVG rasterised at twice its size (1600 pixels wide).
pub fn chart_png(chart: Chart, s: &Summary, lang: Lang) -> Result<Vec<u8>> {
    Ok(crate::document::raster::png_of_svg(&standalone_svg(chart, s, lang), 2.0)?.0)
}

/// The chart's SVG as a file of its own (inside HTML it needs no namespace; on its own it does).
fn standalone_svg(chart: Chart, s: &Summary, lang: Lang) -> String {
    chart_svg(chart, s, lang).replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1)
}

/// The chart as a picture for Word and PDF: the SVG below, rasterised at twice its size, 15 cm wide,
/// under it the caption that numbers and names it.
pub(super) fn chart_picture(
    chart: Chart,
    s: &Summary,
    lang: Lang,
    number: usize,
) -> Result<crate::document::Picture> {
    let (png, width, height) =
        crate::document::raster::png_of_svg(&standalone_svg(chart, s, lang), 2.0)?;
    Ok(crate::document::Picture {
        png,
        width,
        height,
        width_mm: 150,
        caption: chart_caption(chart, s, lang, number),
    })
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
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"14\">{label}</text>",
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
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"14\" text-anchor=\"end\" transform=\"rotate(-35 {x:.1} {y:.1})\">{}</text>",
                    esc(label)
                ));
            } else {
                out.push_str(&format!(
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"14\" text-anchor=\"middle\">{}</text>",
                    esc(label)
                ));
            }
        }
    }
    out.push_str(&value_labels(&plot, &frame));
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

/// Each bar's value (a stack's total) above it, where the bars are wide enough to carry one.
fn value_labels(plot: &Plot, f: &Frame) -> String {
    let n = plot.stacks.len();
    if n == 0 || n > 24 {
        return String::new();
    }
    let slot = (f.right - f.left) / n as f64;
    let height = f.bottom - f.top;
    let mut out = String::new();
    for (i, stack) in plot.stacks.iter().enumerate() {
        let total: f64 = stack.iter().sum();
        if total <= 0.0 {
            continue;
        }
        let text = if plot.percent {
            format!("{}%", num_text((total * 1000.0).round() / 10.0))
        } else {
            num_text(total)
        };
        let x = f.left + slot * (i as f64 + 0.5);
        let y = f.bottom - (total / plot.top).min(1.0) * height - 4.0;
        out.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#333333\">{text}</text>"
        ));
    }
    out
}
