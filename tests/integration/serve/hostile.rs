//! Requests and files meant to harm: a configuration naming the server's
//! own files, a device, a slow client, guessed tokens, a crafted Host,
//! names that reorder text, huge cells, runs that must be stopped.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, StatusCode};

use super::*;
use crate::common::temp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_naming_files_outside_the_workspace_is_refused_promptly() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    for (key, path) in [
        ("holiday_schedule", "/etc/passwd"),
        ("holiday_schedule", "/dev/zero"),
        ("targets", "../../sipas.toml"),
        ("agency_baselines", "C:\\Windows\\win.ini"),
    ] {
        let toml = format!("{key} = \"{}\"\n", path.replace('\\', "\\\\"));
        let started = Instant::now();
        let answer = upload(&state, &[("sipas.toml", toml.into_bytes())], None).await;
        assert!(started.elapsed() < Duration::from_secs(2), "{path}");
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let message = answer.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        // The sentence says what to do and nothing of the server's disk.
        assert!(
            message.contains("not the name of an uploaded file"),
            "{message}"
        );
        for telling in [
            "cannot read",
            "No such file",
            "not a valid configuration",
            "root:",
        ] {
            assert!(!message.contains(telling), "{message}");
        }
    }
    // No configuration was kept, and the server still answers.
    assert!(!dir.path().join("ws/sipas.toml").exists());
    assert_eq!(get(&state, "/inputs").await.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_names_the_files_uploaded_beside_it() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let toml = "holiday_schedule = \"lich-nghi.toml\"\n";
    let answer = upload(&state, &[("sipas.toml", toml.as_bytes().to_vec())], None).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    // Until the schedule is uploaded, the configuration says which file it waits for.
    let page = get(&state, "/inputs").await.text();
    assert!(
        page.contains("sipas không có tệp đó: hãy đặt tệp “lich-nghi.toml”"),
        "{page}"
    );
    let schedule = "[2027]\ntet = [\"2027-02-04..2027-02-10\"]\nsaturdays_worked = []\n";
    let answer = upload(
        &state,
        &[("lich-nghi.toml", schedule.as_bytes().to_vec())],
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    assert_eq!(answer.json()[0]["kind"], "attachment");
    let page = get(&state, "/inputs").await.text();
    assert!(!page.contains("upload lich-nghi.toml"), "{page}");
    assert!(page.contains("sipas.toml · lich-nghi.toml"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_with_anything_but_a_name_and_a_port_is_refused() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    for host in [
        "localhost:18301@evil.com",
        "localhost:8181/evil.com",
        "localhost:80x",
        "localhost evil.com",
        "[::1",
    ] {
        let answer = send(
            &state,
            axum::http::Request::builder()
                .uri("/inputs")
                .header(header::HOST, host)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
    }
    for host in ["localhost:8181", "127.0.0.1", "[::1]:8181"] {
        let answer = send(
            &state,
            axum::http::Request::builder()
                .uri("/inputs")
                .header(header::HOST, host)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_tokens_are_answered_one_after_the_other() {
    let dir = temp();
    let state = state(dir.path(), |o| {
        o.token = Some("a-long-enough-token-1234".into());
    });
    // Eight guesses at once take at least eight turns of 250 ms.
    let started = Instant::now();
    let guesses = (0..8).map(|k| {
        let state = state.clone();
        async move {
            send(
                &state,
                to("GET", "/api/files")
                    .header(header::AUTHORIZATION, format!("Bearer wrong-{k}"))
                    .body(Body::empty())
                    .expect("request"),
            )
            .await
            .status
        }
    });
    let statuses = futures_join(guesses).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED));
    assert!(started.elapsed() >= Duration::from_millis(8 * 250));
    // The right token is not held up.
    let started = Instant::now();
    let answer = send(
        &state,
        to("GET", "/api/files")
            .header(header::AUTHORIZATION, "Bearer a-long-enough-token-1234")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(250));
}

/// Runs every future to its end, at once.
async fn futures_join<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("task"));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_that_reorders_text_is_shown_escaped() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let name = "bao-cao\u{202E}vsc.exe.csv";
    let answer = upload(&state, &[(name, super::FEEDBACK.as_bytes().to_vec())], None).await;
    assert!(answer.status.is_success(), "{}", answer.text());
    let page = get(&state, "/inputs").await.text();
    assert!(!page.contains('\u{202E}'));
    assert!(page.contains("bao-cao\\u{202E}vsc.exe.csv"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_cell_makes_no_huge_mapping_page() {
    let dir = temp();
    let state = state(dir.path(), |_| {});
    let mut text = String::from("Mã,Ghi chú\n");
    text.push_str(&format!("1,{}\n", "x".repeat(10 << 20)));
    let answer = upload(&state, &[("to.csv", text.into_bytes())], Some("feedback")).await;
    let id = answer.json()[0]["id"].as_str().expect("id").to_string();
    let page = get(&state, &format!("/mapping/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.len() < 200_000, "{} bytes", page.body.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_out_of_time_ends_failed_with_a_sentence() {
    let dir = temp();
    let state = state(dir.path(), |o| o.run_time_limit = Duration::ZERO);
    let files: Vec<(String, Vec<u8>)> = sample_uploads();
    let parts: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    assert!(upload(&state, &parts, None).await.status.is_success());
    let status = run_to_end(&state, "{}").await;
    assert_eq!(status["status"], "failed");
    let error = status["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("longer than the 0 minutes allowed"),
        "{error}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_left_half_written_by_a_killed_server_is_cleared_at_start() {
    let dir = temp();
    let leftover = dir.path().join("ws/runs/r0001/.report.sipas-tmp-4242");
    std::fs::create_dir_all(&leftover).expect("leftover");
    std::fs::write(leftover.join("overdue.csv"), "P1,P2\n").expect("leftover file");
    let _state = state(dir.path(), |_| {});
    assert!(!leftover.exists());
}

#[test]
fn a_client_too_slow_to_send_its_headers_is_let_go() {
    let dir = temp();
    let options = ServeOptions {
        workspace: dir.path().join("ws"),
        port: 0,
        header_read_timeout: Duration::from_millis(500),
        ..ServeOptions::default()
    };
    let (ready, address) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::spawn(move || {
        sipas::serve::serve(
            options,
            move |bound| {
                let _ = ready.send(bound);
            },
            async move {
                let _ = stopped.await;
            },
        )
    });
    let address = address.recv().expect("address");
    let mut slow = std::net::TcpStream::connect(address).expect("connect");
    slow.write_all(b"GET /inputs HTTP/1.1\r\nHost: localhost\r\n")
        .expect("a part of the headers");
    slow.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let started = Instant::now();
    let mut rest = Vec::new();
    // The server closes the connection (with or without a 408) long before 5 s.
    let _ = slow.read_to_end(&mut rest);
    assert!(started.elapsed() < Duration::from_secs(3));
    let _ = stop.send(());
    server.join().expect("server thread").expect("server");
}
