//! The filter's own thread, for a big library: the loop hands it each keystroke's [`Job`] and
//! draws the typed text at once; the rows come back on the loop's channel. Jobs waiting when
//! it is free are dropped for the newest, which answers the latest keystroke.

use super::filter::Job;
use crate::tui::memory::Reply;
use std::sync::mpsc::{self, Sender};

/// The worker thread, running while this is kept; it ends when this is dropped.
pub struct Worker {
    jobs: Sender<Job>,
}

impl Worker {
    /// Starts the thread; it answers each job it runs through `reply`.
    pub fn start(reply: impl Fn(Reply) + Send + 'static) -> std::io::Result<Worker> {
        let (jobs, waiting) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("lede-filter".to_owned())
            .spawn(move || {
                crate::niceness::background();
                while let Ok(mut job) = waiting.recv() {
                    while let Ok(newer) = waiting.try_recv() {
                        job = newer;
                    }
                    let rows = job.run();
                    reply(Reply::Filtered {
                        generation: job.generation,
                        rows,
                    });
                }
            })?;
        Ok(Worker { jobs })
    }

    pub fn send(&self, job: Job) {
        // the thread only ends when this is dropped
        let _ = self.jobs.send(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::FoundFile;
    use crate::tui::library::haystacks::Haystacks;
    use crate::tui::library::Entry;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn the_worker_answers_a_job_with_its_rows_on_the_channel() {
        let entries: Vec<Entry> = ["harbour.txt", "reef.txt", "reef-2.txt"]
            .iter()
            .map(|rel| Entry {
                file: FoundFile {
                    source: crate::article::Source::Bundled((*rel).to_owned()),
                    rel: (*rel).to_owned(),
                    size: 1,
                    modified: 0,
                },
                info: None,
            })
            .collect();
        let tags = Default::default();
        let job = Job {
            generation: 7,
            text: "reef".to_owned(),
            order: Arc::new(vec![0, 1, 2]),
            haystacks: Arc::new(Haystacks::of(&entries, &tags)),
        };
        let expected = job.run();
        assert_eq!(expected.len(), 2, "two files hold reef");
        let (send, answers) = mpsc::channel();
        let worker = Worker::start(move |reply| send.send(reply).unwrap()).unwrap();
        worker.send(job);
        let answer = answers.recv_timeout(Duration::from_secs(10)).unwrap();
        let Reply::Filtered { generation, rows } = answer else {
            panic!("not the filter's rows");
        };
        assert_eq!((generation, rows), (7, expected));
    }
}
