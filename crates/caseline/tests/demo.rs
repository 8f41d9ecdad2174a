//! The `caseline demo` command end to end: started in an empty directory it generates
//! an authority, answers on the loopback port it was given, listens nowhere else, and
//! serves a child's chronology.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Local addresses of listening TCP sockets on `port`, from /proc/net/tcp{,6}.
fn listening_addresses(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // state 0A = LISTEN
            if cols.len() > 3 && cols[3] == "0A" {
                let (addr, p) = cols[1].split_once(':').unwrap();
                if u16::from_str_radix(p, 16).unwrap() == port {
                    out.push(addr.to_owned());
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn demo_starts_in_an_empty_directory_and_serves_a_chronology() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let started = Instant::now();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_caseline"))
            .args(["demo", "--port", &port.to_string(), "--children", "400"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    loop {
        if let Ok(r) = client.get(format!("{base}/health")).send().await {
            if r.status().is_success() {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "demo did not answer within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        dir.path().join("caseline-demo.db").exists(),
        "database created in the working directory"
    );

    // Loopback only: 127.0.0.1 is 0100007F in /proc's little-endian hex.
    let addrs = listening_addresses(port);
    assert!(!addrs.is_empty());
    assert!(
        addrs.iter().all(|a| a == "0100007F"),
        "listening on {addrs:?}"
    );

    let list = client.get(format!("{base}/children")).send().await.unwrap();
    assert_eq!(list.status(), 200);
    let html = list.text().await.unwrap();
    let first = html
        .split("href=\"/children/")
        .nth(1)
        .expect("a child link");
    let id = first.split('"').next().unwrap();
    let page = client
        .get(format!("{base}/children/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("app-chronology"), "chronology shown");
}
