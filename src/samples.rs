//! The sample articles bundled in the binary, so lede works with no files at all.

/// One bundled article: its file name in `assets/` and its text.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! sample {
    ($name:literal) => {
        Sample {
            name: $name,
            text: include_str!(concat!("../assets/", $name)),
        }
    };
}

/// Every bundled article, in the order the library lists them.
pub const SAMPLES: &[Sample] = &[
    sample!("000_addf95f289c0a8cc.txt"),
    sample!("001_lunar_ice_probe.txt"),
    sample!("002_cannery_food_hall.txt"),
];

/// The bundled sample named `name`.
pub fn find(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}
