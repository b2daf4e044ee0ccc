//! A compact evidence badge (months, padlocks, cost band, effect at scale) that opens into
//! the details: the path from Toolkit months to the effect expected at scale, the year
//! groups served, the cost and the outcome-breadth assumption, each with its provenance.

use yew::prelude::*;

use crate::app::format;
use crate::app::view_model::{LeverInfo, Shared};
use crate::model::lever::{Evidence, YearGroups};
use crate::model::Provenance;

#[derive(Properties, PartialEq)]
pub struct EvidenceBadgeProps {
    /// The lever, its effect path (`LeverCatalogue::effect_path`), the large-trial mean and
    /// weight per padlock it is shrunk with, and its cost a year at full reach.
    pub info: Shared<LeverInfo>,
}

fn provenance(p: &Provenance) -> Html {
    html! {
        <>
            <strong>{ format!("{}: ", p.label()) }</strong>
            { p.text().to_owned() }
        </>
    }
}

/// "Y1 to Y6 (6 year groups)", "age 19-20 (1 year group)".
fn year_groups_text(groups: YearGroups) -> String {
    let count = groups.count();
    format!(
        "{} ({count} year group{})",
        groups.label(),
        if count == 1 { "" } else { "s" }
    )
}

#[component]
pub fn EvidenceBadge(props: &EvidenceBadgeProps) -> Html {
    let info = &props.info;
    let lever = &info.lever;
    let path = info.path;
    let at_scale = path.at_scale;
    let breadth = path.outcome_breadth;
    let summary = match &lever.evidence {
        Evidence::Eef {
            months, padlocks, ..
        } => format!(
            "{months:+} months · evidence {padlocks}/5 · {} · {:.2} SD at scale",
            lever.cost_band.short(),
            at_scale.central_sd
        ),
        Evidence::Assumed { .. } => format!(
            "Assumption · {:.2} SD at scale · {}",
            at_scale.central_sd,
            lever.cost_band.short()
        ),
    };
    let stage = lever.stage.label();
    let steps = effect_steps(info);
    let evidence = evidence_text(&lever.evidence);
    let groups = lever.year_groups;
    let count = groups.count();
    let per_pupil = lever.cost_gbp_per_pupil.value;
    html! {
        <details class="evidence">
            <summary aria-label={format!("Evidence for {}: {summary}", lever.name)}>{ summary }</summary>
            <div class="evidence-body">
                <p>{ lever.description.clone() }</p>
                <dl>
                    <dt>{ "Evidence" }</dt>
                    { evidence }
                    <dt>{ "Effect at scale" }</dt>
                    <dd class="effect-path" data-role="effect-path">
                        for step in steps {
                            <span class="step">{ step }</span>
                        }
                    </dd>
                    <dd class="note">{ "In the uncertainty bands every lever's effect is also multiplied by one scale-up factor shared by the whole plan (see “What moves this result most”)." }</dd>
                    <dt>{ "Outcome breadth" }</dt>
                    <dd data-role="outcome-breadth">
                        { format!("{breadth}: {} of the programme's effect on its own outcome is assumed to reach the {stage} measure. ", format::percent_short(breadth)) }
                        { provenance(&lever.outcome_breadth.provenance) }
                    </dd>
                    <dt>{ "Serves" }</dt>
                    <dd data-role="year-groups">
                        { format!("{}, {}. A cohort gains the full effect after every year group; fewer years give a proportional share.", capitalise(lever.target.label()), year_groups_text(groups)) }
                    </dd>
                    <dt>{ "Cost" }</dt>
                    <dd data-role="cost">
                        { format!(
                            "{} per pupil served a year × {count} year group{} = {} a year at full reach{}. {}. ",
                            format::gbp(per_pupil),
                            if count == 1 { "" } else { "s" },
                            format::gbp(info.full_reach_gbp_a_year),
                            if count > 1 {
                                format!(" ({} over a pupil's {count} years)", format::gbp(per_pupil * f64::from(count)))
                            } else {
                                String::new()
                            },
                            lever.cost_band.label()
                        ) }
                        { provenance(&lever.cost_gbp_per_pupil.provenance) }
                    </dd>
                </dl>
            </div>
        </details>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The path from the published estimate to the effect at scale, in steps, one line each;
/// read together they make one sentence.
fn effect_steps(info: &LeverInfo) -> Vec<String> {
    let lever = &info.lever;
    let path = info.path;
    let (at_scale, breadth) = (path.at_scale, path.outcome_breadth);
    let range = format!(
        "80% range {:.3} to {:.3} SD",
        at_scale.p10_sd, at_scale.p90_sd
    );
    let stage = lever.stage.label();
    // The path in steps, one line each; read together they make one sentence.
    match (&lever.evidence, path.months, path.toolkit_sd, path.evidence_weight, path.shrunk_sd) {
        (Evidence::Eef { padlocks, .. }, Some(months), Some(toolkit), Some(weight), Some(shrunk)) => vec![
            format!("EEF: {months:+} months = {} in trials", format::sd(toolkit)),
            format!(
                " → weight {} on this strand ({padlocks} padlock{} × {}), {} on the large-trial mean {} → {}",
                format::percent_short(weight),
                if *padlocks == 1 { "" } else { "s" },
                format::percent_short(info.weight_per_padlock),
                format::percent_short(1.0 - weight),
                format::sd(info.large_trial_mean_sd),
                format::sd(shrunk),
            ),
            format!(
                " → × outcome breadth {breadth} → {} expected at scale on the {stage} measure ({range}).",
                format::sd(at_scale.central_sd),
            ),
        ],
        (Evidence::Assumed { central_sd, p10_sd, p90_sd, .. }, ..) => vec![
            format!("Stated effect {} (80% range {p10_sd:.3} to {p90_sd:.3} SD)", format::sd(*central_sd)),
            format!(
                " → × outcome breadth {breadth} → {} expected at scale on the {stage} measure ({range}).",
                format::sd(at_scale.central_sd),
            ),
        ],
        // An EEF lever always has every step; keep the result if one were missing.
        _ => vec![format!("{} expected at scale on the {stage} measure ({range}).", format::sd(at_scale.central_sd))],
    }
}

/// Where the lever's effect comes from: the EEF strand, or the assumption stated.
fn evidence_text(evidence: &Evidence) -> Html {
    match evidence {
        Evidence::Eef {
            strand,
            months,
            padlocks,
            source,
        } => html! {
            <dd>{ format!("EEF Toolkit strand “{strand}”: {months:+} months of additional progress; evidence strength {padlocks} of 5 padlocks. Source: {source}.") }</dd>
        },
        Evidence::Assumed {
            strand, assumption, ..
        } => html! {
            <dd>
                <strong>{ "Assumption: " }</strong>{ assumption.clone() }
                if let Some(strand) = strand {
                    { format!(" (EEF strand “{strand}” gives no estimate.)") }
                }
            </dd>
        },
    }
}
