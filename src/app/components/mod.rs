//! One component per file. Each takes typed properties and callbacks, reads model
//! results, and never computes model quantities itself.

pub mod app;
mod area_panel;
mod area_picker;
mod backups_panel;
mod bar_frame;
mod board_paper;
mod cohort_flow;
mod compare_view;
mod contributions_panel;
mod cost_panel;
mod evidence_badge;
mod export_buttons;
mod headlines;
mod lever_control;
mod lever_panel;
mod library_panel;
mod notices;
mod optimiser_panel;
mod presentation;
mod scenario_bar;
mod select;
mod sensitivity_panel;
mod standing_panel;
mod targets_panel;
mod trajectory_chart;
