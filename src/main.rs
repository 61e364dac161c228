use clap::Parser;
use std::process::ExitCode;

mod closed_stdout;

fn main() -> ExitCode {
    let cli = lede::cli::Cli::parse();
    if closed_stdout::was_closed() {
        // as `cat` does: a write to a closed stdout fails, it is not silently lost
        let closed = std::io::Error::from_raw_os_error(9);
        eprintln!("lede: {}", lede::commands::Error::Output(closed));
        return ExitCode::FAILURE;
    }
    match lede::commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            eprintln!("lede: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
