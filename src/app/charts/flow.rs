//! Layout of the cohort flow (Sankey-style) diagram: one column per stage with a
//! "reached" block above a "not reached" block, and ribbons between columns whose widths
//! are the shares of the cohort moving between them.

use crate::model::{CohortFlow, Stage};

/// A block: pupils at one stage who did (or did not) reach the standard.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNode {
    pub stage: Stage,
    pub reached: bool,
    pub share: f64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A ribbon between two consecutive stages.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLink {
    pub from_stage: Stage,
    pub from_reached: bool,
    pub to_reached: bool,
    pub share: f64,
    /// A closed SVG path: two cubic curves joined by the block edges.
    pub path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FlowLayout {
    pub nodes: Vec<FlowNode>,
    pub links: Vec<FlowLink>,
}

/// Lays out `flow` in a `width` × `height` box, leaving `gap` pixels between the
/// reached and not-reached blocks of a column.
pub fn layout(flow: &CohortFlow, width: f64, height: f64, node_width: f64, gap: f64) -> FlowLayout {
    let columns = Stage::COUNT as f64;
    let column_x = |i: usize| i as f64 * (width - node_width) / (columns - 1.0);
    let usable = (height - gap).max(0.0);
    let mut nodes = Vec::with_capacity(2 * Stage::COUNT);
    for (i, stage) in Stage::ALL.into_iter().enumerate() {
        let reached = flow.stages[i].reached_share.clamp(0.0, 1.0);
        let reached_height = reached * usable;
        nodes.push(FlowNode {
            stage,
            reached: true,
            share: reached,
            x: column_x(i),
            y: 0.0,
            width: node_width,
            height: reached_height,
        });
        nodes.push(FlowNode {
            stage,
            reached: false,
            share: 1.0 - reached,
            x: column_x(i),
            y: reached_height + gap,
            width: node_width,
            height: usable - reached_height,
        });
    }

    let mut links = Vec::with_capacity(4 * (Stage::COUNT - 1));
    for (i, t) in flow.transitions.iter().enumerate() {
        let (source_reached, source_not) = (&nodes[2 * i], &nodes[2 * i + 1]);
        let (target_reached, target_not) = (&nodes[2 * i + 2], &nodes[2 * i + 3]);
        // Ribbons leave each source block top-down in target order, and enter each target
        // block top-down in source order, so none cross inside a block.
        let mut source_offset = [source_reached.y, source_not.y];
        let mut target_offset = [target_reached.y, target_not.y];
        let cells = [
            (true, true, t.reached_both),
            (true, false, t.reached_then_not),
            (false, true, t.not_then_reached),
            (false, false, t.reached_neither),
        ];
        // Enter targets in source order: reached→reached, not→reached, then reached→not, not→not.
        let mut entry_y = [[0.0; 2]; 2];
        for to_reached in [true, false] {
            for from_reached in [true, false] {
                let share = cells
                    .iter()
                    .find(|(f, t, _)| *f == from_reached && *t == to_reached)
                    .map_or(0.0, |c| c.2);
                let slot = usize::from(!to_reached);
                entry_y[usize::from(!from_reached)][slot] = target_offset[slot];
                target_offset[slot] += share * usable;
            }
        }
        for (from_reached, to_reached, share) in cells {
            let from = usize::from(!from_reached);
            let to = usize::from(!to_reached);
            let thickness = share * usable;
            let y0 = source_offset[from];
            source_offset[from] += thickness;
            let y1 = entry_y[from][to];
            let x0 = source_reached.x + node_width;
            let x1 = target_reached.x;
            let mid = 0.5 * (x0 + x1);
            let path = format!(
                "M{x0:.1},{y0:.1} C{mid:.1},{y0:.1} {mid:.1},{y1:.1} {x1:.1},{y1:.1} L{x1:.1},{y1b:.1} C{mid:.1},{y1b:.1} {mid:.1},{y0b:.1} {x0:.1},{y0b:.1} Z",
                y0b = y0 + thickness,
                y1b = y1 + thickness,
            );
            links.push(FlowLink {
                from_stage: Stage::ALL[i],
                from_reached,
                to_reached,
                share,
                path,
            });
        }
    }
    FlowLayout { nodes, links }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Model, Plan};

    #[test]
    fn blocks_fill_each_column_and_ribbons_match_the_transitions() {
        let model = Model::hastings();
        let flow = model.cohort_flow(&Plan::default(), 2018, Group::Fsm);
        let layout = layout(&flow, 500.0, 210.0, 20.0, 10.0);
        assert_eq!(layout.nodes.len(), 10);
        for column in layout.nodes.chunks(2) {
            let total = column[0].height + column[1].height;
            assert!((total - 200.0).abs() < 1e-9);
            assert!((column[1].y - column[0].height - 10.0).abs() < 1e-9);
        }
        assert_eq!(layout.links.len(), 16);
        let ks2_reached = &layout.nodes[2];
        assert!((ks2_reached.share - 0.25).abs() < 1e-12);
        let into_ks2_reached: f64 = layout.links[..4]
            .iter()
            .filter(|l| l.to_reached)
            .map(|l| l.share)
            .sum();
        assert!((into_ks2_reached - 0.25).abs() < 1e-9);
    }
}
