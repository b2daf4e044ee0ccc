//! The share link's laws: every valid state survives a round trip, any text decodes without
//! a panic into settings the model accepts, garbage cannot disturb valid parameters, and
//! problems shown in the page never repeat long stretches of the link.

use std::sync::OnceLock;

use pathways::model::plan::MAX_RAMP_YEARS;
use pathways::model::{LeverSetting, LeverSettings, Model, Plan};
use pathways::scenario::link::{decode, encode, Decoded, EmbedView, LinkState};
use pathways::scenario::outcome::HEADLINES;
use pathways::scenario::target::Target;
use pathways::scenario::without_hidden;
use proptest::prelude::*;

/// Problems may repeat at most this many characters of any input.
const MAX_ECHO_CHARS: usize = 40;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(Model::hastings)
}

fn decode_hastings(query: &str) -> Decoded {
    decode(query, model().catalogue(), model().area())
}

/// Any state a user can reach: levers on with reach a multiple of 0.5%, built as k/200 so
/// that it is the very float the decoder computes from the percentage k/2.
fn valid_state() -> impl Strategy<Value = LinkState> {
    let ids: Vec<pathways::model::LeverId> = model()
        .catalogue()
        .levers
        .iter()
        .map(|l| l.id.clone())
        .collect();
    let years = model().area().years();
    let last = *years.end();
    // Some programmes end (in their start year or later, within the horizon); some run on.
    let lever = (
        1u32..=200,
        years.clone(),
        0..=MAX_RAMP_YEARS,
        proptest::option::of(0..=20i32),
    )
        .prop_map(move |(k, start, ramp, runs)| LeverSetting {
            reach_share: f64::from(k) / 200.0,
            start_year: start,
            ramp_years: ramp,
            end_year: runs.map(|r| (start + r).min(last)),
        });
    let settings = proptest::collection::vec(proptest::option::of(lever), ids.len()).prop_map(
        move |levers| -> LeverSettings {
            ids.iter()
                .zip(levers)
                .filter_map(|(id, setting)| Some((id.clone(), setting?)))
                .collect()
        },
    );
    // Any text a name keeps: control and text-direction characters are taken out of names.
    let name = proptest::collection::vec(any::<char>(), 0..=80)
        .prop_map(|chars| without_hidden(&String::from_iter(chars), false).0);
    (
        settings,
        proptest::option::of(name),
        proptest::option::of(years),
        (
            proptest::option::of("[a-z0-9_-]{1,40}"),
            proptest::option::of(2000..=2090i32),
        ),
        (any::<bool>(), any::<bool>()),
        proptest::option::of(proptest::sample::select(EmbedView::all())),
        targets(),
        proptest::option::of(proptest::collection::vec("[a-z0-9_-]{1,40}", 0..6)),
    )
        .prop_map(
            |(
                settings,
                name,
                target_year,
                (area_id, as_of),
                (embed, fsm_break),
                view,
                targets,
                compare,
            )| {
                LinkState {
                    settings,
                    name,
                    target_year,
                    area_id,
                    as_of,
                    embed,
                    // A view is part of an embedded page's link only.
                    view: view.filter(|_| embed),
                    targets,
                    fsm_break,
                    // The compare view is a full page, never embedded; each area once.
                    compare: compare.filter(|_| !embed).map(|mut ids| {
                        let mut seen = std::collections::HashSet::new();
                        ids.retain(|id| seen.insert(id.clone()));
                        ids
                    }),
                }
            },
        )
}

/// At most one target per headline outcome, in headline order (as links write them), with
/// values in tenths of a percent and any year inside the projection.
fn targets() -> impl Strategy<Value = Vec<Target>> {
    let years = model().area().years();
    let target = (0u32..=1000, *years.start()..=*years.end());
    proptest::collection::vec(proptest::option::of(target), HEADLINES.len()).prop_map(|picked| {
        HEADLINES
            .into_iter()
            .zip(picked)
            .filter_map(|(outcome, picked)| {
                let (tenths, year) = picked?;
                Some(Target {
                    outcome,
                    value_percent: f64::from(tenths) / 10.0,
                    year,
                })
            })
            .collect()
    })
}

/// Parameters that are wrong in every way but never name a real key, so they cannot
/// override the link's own parameters.
fn garbage_parameter() -> impl Strategy<Value = String> {
    prop_oneof![
        // Starts with a character no key starts with; no `&`, so it stays one parameter.
        "[0-9.+_-][=%.a-z0-9+]{0,40}",
        // Lever-shaped keys for levers that do not exist.
        "zz[a-z_]{0,10}\\.(reach|start|ramp)=[a-z0-9.%+-]{0,10}",
        // Real keys with broken encoding, which are dropped before they can win.
        "(v|name|year|ey_language\\.reach)=[a-z0-9]{0,5}%([0-9A-F]?|[G-Z][0-9]|FF|C3)",
        Just(String::new()),
        Just("=".to_owned()),
    ]
}

/// Percent-encodes every byte, so any text can be placed in a query exactly.
fn escape_all(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn assert_decodes_into_a_valid_plan(decoded: &Decoded) {
    let resolved = Plan::resolve(&decoded.state.settings, model().catalogue(), model().area());
    assert!(resolved.is_ok(), "{resolved:?}");
    assert!(decoded.problems.len() <= 21, "{:?}", decoded.problems);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn link_round_trips_every_valid_state(state in valid_state()) {
        let query = encode(&state, model().catalogue());
        let decoded = decode_hastings(&query);
        prop_assert_eq!(decoded.problems, Vec::<String>::new(), "{}", query);
        prop_assert_eq!(decoded.state, state, "{}", query);
    }

    #[test]
    fn decode_never_panics_on_arbitrary_text(text in ".{0,2000}") {
        assert_decodes_into_a_valid_plan(&decode_hastings(&text));
    }

    #[test]
    fn decode_never_panics_on_query_like_byte_soup(text in "[&=%.a-z0-9+]{0,2000}") {
        assert_decodes_into_a_valid_plan(&decode_hastings(&text));
    }

    #[test]
    fn decode_never_panics_on_near_miss_links(
        tokens in proptest::collection::vec(
            prop::sample::select(vec![
                "v", "name", "year", "area", "embed", "view", "ey_language", "secondary_tutoring",
                ".reach", ".start", ".ramp", "=", "&", "?", "%", "%2", "%C3%A9", "%FF", "+",
                "0", "1", "2", "40", "12.5", "100", "101", "2017", "2035", "2040", "-", ".",
                "NaN", "inf", "1e2", ":", "hastings",
            ]),
            0..200,
        )
    ) {
        assert_decodes_into_a_valid_plan(&decode_hastings(&tokens.concat()));
    }

    #[test]
    fn valid_parameters_survive_garbage(
        state in valid_state(),
        garbage in proptest::collection::vec((garbage_parameter(), any::<prop::sample::Index>()), 1..10),
    ) {
        let mut params: Vec<String> = encode(&state, model().catalogue())
            .split('&')
            .map(str::to_owned)
            .collect();
        for (parameter, at) in garbage {
            let at = at.index(params.len() + 1);
            params.insert(at, parameter);
        }
        let query = params.join("&");
        prop_assert_eq!(decode_hastings(&query).state, state, "{}", query);
    }

    #[test]
    fn problems_never_echo_long_input(
        long in ".{41,300}",
        template in prop::sample::select(vec![
            "v={}", "name={}", "year={}", "area={}", "embed={}", "view={}", "{}=1", "{}",
            "ey_language.reach={}", "ey_language.start={}", "ey_language.ramp={}",
            "{}.reach=50", "{}=1&{}=2", "v=1&{}%zz=1", "{}%FF=%zz{}",
        ]),
        escaped in any::<bool>(),
    ) {
        let piece = if escaped { escape_all(&long) } else { long.clone() };
        let query = template.replace("{}", &piece);
        let decoded = decode_hastings(&query);
        assert_decodes_into_a_valid_plan(&decoded);
        // No stretch of MAX_ECHO_CHARS + 1 characters of the input, as typed or as decoded,
        // appears in any problem.
        for input in [&long, &piece] {
            let chars: Vec<char> = input.chars().collect();
            for window in chars.windows(MAX_ECHO_CHARS + 1) {
                let stretch: String = window.iter().collect();
                for problem in &decoded.problems {
                    prop_assert!(!problem.contains(&stretch), "{:?} echoes {:?}", problem, stretch);
                }
            }
        }
    }
}
