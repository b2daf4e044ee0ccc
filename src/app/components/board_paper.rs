//! The board paper: one A4 page for a partnership board's pack, printed from the page's
//! print stylesheet. It is rendered only while printing (`State::print_paper`), so it
//! costs nothing while levers move: the scenario's name and date, the levers on, the
//! headline table with ranges, targets and chances, one chart, the cost, the key
//! assumptions with their sources, and the share link as text.

use yew::prelude::*;

use super::trajectory_chart::TrajectoryChart;
use crate::app::format;
use crate::app::view_model::{ChartData, CostView, Headlines, Shared};
use crate::model::{LeverSettings, Model};

#[derive(Properties, PartialEq)]
pub struct BoardPaperProps {
    pub name: AttrValue,
    /// The date printed, in words.
    pub date: AttrValue,
    pub model: Shared<Model>,
    pub settings: LeverSettings,
    pub headlines: Shared<Headlines>,
    /// The one chart on the page.
    pub chart: Shared<ChartData>,
    pub cost: Shared<CostView>,
    /// Which baseline the figures are measured against.
    pub baseline_note: AttrValue,
    pub share_url: AttrValue,
    /// True when the area's figures were entered or re-based by the user: the link does
    /// not carry them.
    pub user_entered: bool,
}

/// A source or assumption cut to its first sentence (at most about 150 characters): the
/// full texts are in the page's Area data and evidence notes, and the paper has one page.
fn first_sentence(text: &str) -> String {
    // A full stop after "al" ("et al. 2017") or a single letter ends no sentence.
    let end = text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .find(|&i| {
            let before = &text[..i - 1];
            i >= 40 && !before.ends_with(" al") && !before.ends_with(" et al")
        })
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() > 150 {
        let cut: String = sentence.chars().take(147).collect();
        format!("{}…", cut.trim_end())
    } else {
        sentence.to_owned()
    }
}

#[component]
pub fn BoardPaper(props: &BoardPaperProps) -> Html {
    let model = &props.model;
    let (area, catalogue) = (model.area(), model.catalogue());
    let on: Vec<_> = catalogue
        .levers
        .iter()
        .filter_map(|l| {
            let s = props.settings.get(&l.id)?;
            (s.reach_share > 0.0).then_some((l, s))
        })
        .collect();
    let cost = &props.cost;
    let year = props.headlines.year;
    html! {
        <article class="board-paper" data-role="board-paper" aria-label="Board paper">
            <header class="paper-head">
                <h1>{ format!("Pathways: {}", props.name) }</h1>
                <p>{ format!("{} · {} · printed {}", area.name, props.baseline_note, props.date) }</p>
            </header>
            <div class="paper-columns">
                <section>
                    <h2>{ format!("Outcomes for FSM pupils in {year}") }</h2>
                    <table data-table="paper-headlines">
                        <thead><tr>
                            <th scope="col">{ "Outcome" }</th><th scope="col">{ "Baseline" }</th><th scope="col">{ "Plan" }</th>
                            <th scope="col">{ "Change (80% range), points" }</th><th scope="col">{ "Target: chance (baseline)" }</th>
                        </tr></thead>
                        <tbody>
                            for card in props.headlines.cards.iter() {
                                <tr>
                                    <th scope="row">{ card.outcome.short_title() }</th>
                                    <td>{ format::outcome_value(card.outcome, card.baseline) }</td>
                                    <td>{ format::outcome_value(card.outcome, card.scenario) }</td>
                                    <td>{ format!("{}{}", format::signed_points(card.change * 100.0),
                                        card.change_band.filter(|_| !card.untouched).map_or(String::new(), |p| format!(" ({} to {})", format::signed_points(p.p10 * 100.0), format::signed_points(p.p90 * 100.0)))) }</td>
                                    <td>{
                                        match (card.target, card.chance) {
                                            (Some(t), Some((plan, base))) => format!("{} {} by {}: {} ({})", t.direction().symbol(), format::outcome_value(card.outcome, t.value_share()), t.year, format::percent_short(plan), format::percent_short(base)),
                                            (Some(t), None) => format!("{} {} by {}", t.direction().symbol(), format::outcome_value(card.outcome, t.value_share()), t.year),
                                            (None, _) => "–".to_owned(),
                                        }
                                    }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                    <div class="paper-chart">
                        <TrajectoryChart data={props.chart.clone()} minimal=true />
                    </div>
                </section>
                <section>
                    <h2>{ format!("Levers on ({})", on.len()) }</h2>
                    if on.is_empty() {
                        <p>{ "None: the baseline." }</p>
                    } else {
                        <ul class="paper-levers" data-role="paper-levers">
                            for (lever, setting) in on.iter() {
                                <li>{ format!("{}: {} reach from {}{}", lever.name, format::percent_short(setting.reach_share), setting.start_year,
                                    setting.end_year.map(|end| format!(", funded until {end}")).unwrap_or_default()) }</li>
                            }
                        </ul>
                    }
                    <h2>{ "Cost" }</h2>
                    <p data-role="paper-cost">
                        { format!("{} over {}-{}; at most {} a year against a budget of {} a year{}.",
                            format::gbp(cost.total_gbp), area.base_year, area.horizon_end_year,
                            format::gbp(cost.peak_gbp), format::gbp(cost.budget_gbp_per_year),
                            if cost.years_over > 0 { format!(", over it in {}", format::count(cost.years_over, "year", "years")) } else { String::new() }) }
                    </p>
                    <h2>{ "Key assumptions" }</h2>
                    <ul class="paper-assumptions">
                        <li>{ format!("FSM share of pupils {}: ", format::percent(area.fsm_share.value)) }<em>{ format!("{}: {}", area.fsm_share.provenance.label(), first_sentence(area.fsm_share.provenance.text())) }</em></li>
                        for (name, sourced) in catalogue.at_scale.named() {
                            <li>{ format!("{} = {}: ", name.replace('_', " "), sourced.value) }<em>{ format!("{}: {}", sourced.provenance.label(), first_sentence(sourced.provenance.text())) }</em></li>
                        }
                        <li><em>{ "Full sources: Area data and each lever's evidence note in Pathways; docs/MODEL.md." }</em></li>
                    </ul>
                </section>
            </div>
            <footer class="paper-foot">
                <p>{ "Projections are scenarios, not forecasts: effects are those expected at scale, shrunk from the EEF Toolkit toward what large trials find; ranges are the 10th to 90th percentile of 1,000 simulated outcomes. Open this scenario: " }
                    <span class="paper-link" data-role="paper-link">{ props.share_url.clone() }</span>
                    if props.user_entered {
                        { " (The link carries the levers and targets, not the area figures entered or re-based for this paper: use the exported scenario and area files to reproduce it.)" }
                    }
                </p>
            </footer>
        </article>
    }
}
