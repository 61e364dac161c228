use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = lede::cli::Cli::parse();
    match lede::commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            eprintln!("lede: {error}");
            ExitCode::FAILURE
        }
    }
}
