//! A compact evidence badge (months, padlocks, cost band) that opens into the details:
//! strand, source, effect size with its range, and the cost assumption.

use yew::prelude::*;

use crate::model::evidence::EffectSize;
use crate::model::lever::Evidence;
use crate::model::Lever;

#[derive(Properties, PartialEq)]
pub struct EvidenceBadgeProps {
    pub lever: Lever,
    /// The effect the model uses (after the scale-up factor for EEF levers).
    pub effect: EffectSize,
}

#[component]
pub fn EvidenceBadge(props: &EvidenceBadgeProps) -> Html {
    let lever = &props.lever;
    let effect = props.effect;
    let trial = lever.evidence.effect();
    let summary = match &lever.evidence {
        Evidence::Eef {
            months, padlocks, ..
        } => {
            format!(
                "{months:+} months · evidence {padlocks}/5 · {}",
                lever.cost_band.short()
            )
        }
        Evidence::Assumed { .. } => format!(
            "Assumption · {:+.2} SD · {}",
            effect.central_sd,
            lever.cost_band.short()
        ),
    };
    let details = match &lever.evidence {
        Evidence::Eef {
            strand,
            months,
            padlocks,
            source,
        } => html! {
            <>
                <dt>{ "Evidence" }</dt>
                <dd>{ format!("EEF strand “{strand}”: {months:+} months of additional progress; evidence strength {padlocks} of 5 padlocks. Source: {source}.") }</dd>
            </>
        },
        Evidence::Assumed { assumption, .. } => html! {
            <>
                <dt>{ "Evidence" }</dt>
                <dd><strong>{ "Assumption. " }</strong>{ assumption.clone() }</dd>
            </>
        },
    };
    html! {
        <details class="evidence">
            <summary aria-label={format!("Evidence for {}: {summary}", lever.name)}>{ summary }</summary>
            <div class="evidence-body">
                <p>{ lever.description.clone() }</p>
                <dl>
                    { details }
                    <dt>{ "Effect size" }</dt>
                    <dd>
                        { format!("{:.2} SD (80% range {:.2} to {:.2}) on the reached pupils' latent attainment at {}.", effect.central_sd, effect.p10_sd, effect.p90_sd, lever.stage.label()) }
                        if matches!(lever.evidence, Evidence::Eef { .. }) {
                            { format!(" Assumption: {:.0}% of the {:.2} SD seen in trials survives delivery across a whole area.", 100.0 * effect.central_sd / trial.central_sd.max(f64::EPSILON), trial.central_sd) }
                        }
                    </dd>
                    <dt>{ "Cost" }</dt>
                    <dd>
                        { format!("{}. ", lever.cost_band.label()) }
                        <strong>{ format!("{}: ", lever.cost_gbp_per_pupil.provenance.label()) }</strong>
                        { lever.cost_gbp_per_pupil.provenance.text().to_owned() }
                    </dd>
                </dl>
            </div>
        </details>
    }
}
