//! The workbench in headless Chromium as an analyst who reads only
//! Vietnamese uses it, with an export nobody here wrote (Boston 311):
//! upload it and follow the page's advice to the mapping form, map it with
//! the form's Vietnamese choices (the dates picked from the file's
//! examples), save it under a Vietnamese name, reopen and change it,
//! check, run the quarter typed as `Q2/2025` (`Quý I/2025` on the
//! excerpt), and read the dashboard. On every page the visible text holds
//! no English sentence, no configuration word and no path of the server. Every page is saved as a
//! screenshot at 1366×768 and at 390×844 in `target/screenshots/`.

use std::time::Duration;

use fantoccini::{Client, Locator};

use super::browser::{boston, browser, choose, driver_or_skip, start_server, upload, wait_for};
use super::common::temp;
use super::common::{CONFIGURATION_WORDS, ENGLISH_SENTENCES};

/// The text a person sees, with the placeholders of fields.
async fn visible_text(client: &Client) -> String {
    let script = "return document.body.innerText + '\\n' + \
        Array.from(document.querySelectorAll('[placeholder]')).map(e => e.placeholder).join('\\n');";
    client
        .execute(script, vec![])
        .await
        .expect("the page's text")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Asserts the page speaks Vietnamese only, then saves it at both sizes.
async fn look(client: &Client, name: &str, workspace: &str) {
    let text = visible_text(client).await;
    for word in CONFIGURATION_WORDS.iter().chain(ENGLISH_SENTENCES.iter()) {
        assert!(
            !text.contains(word),
            "{name}: {word:?} is on the page:\n{text}"
        );
    }
    assert!(
        !text.contains(workspace),
        "{name}: a path of the server:\n{text}"
    );
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&folder).expect("screenshot folder");
    for (size, width, height) in [("may-tinh", 1366, 768), ("dien-thoai", 390, 844)] {
        client
            .set_window_size(width, height)
            .await
            .expect("window size");
        let _ = client.execute("window.scrollTo(0, 0)", vec![]).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let page_width = client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth", vec![])
            .await
            .expect("page width");
        // Nothing makes the page scroll sideways, on a phone either.
        assert_eq!(
            page_width.as_i64(),
            Some(0),
            "{name} is wider than the {size} screen"
        );
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(folder.join(format!("vi-{name}-{size}.png")), png).expect("write");
    }
    client
        .set_window_size(1366, 768)
        .await
        .expect("window size");
}

/// Chooses the option of the select `name` whose text holds `text`.
async fn choose_by_text(client: &Client, name: &str, text: &str) {
    let option = client
        .find(Locator::XPath(&format!(
            "//select[@name='{name}']/option[contains(text(), '{text}')]"
        )))
        .await
        .unwrap_or_else(|e| panic!("{name}: no option with {text}: {e}"));
    option.click().await.expect("choose");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_who_reads_only_vietnamese_maps_and_reports_a_foreign_export() {
    let Some(driver_path) = driver_or_skip() else {
        return;
    };
    let dir = temp();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).expect("downloads folder");
    let workspace = dir.path().join("ws");
    let (address, stop, server) = start_server(&workspace);
    let shown_root = workspace.display().to_string();
    let base = format!("http://{address}");
    let (_driver, client) = browser(&driver_path, dir.path(), &downloads).await;

    // 1. Upload the export, then follow the page's advice.
    client
        .goto(&format!("{base}/inputs"))
        .await
        .expect("inputs");
    upload(&client, &[boston().display().to_string()]).await;
    let advice = wait_for(&client, "tr.bad a.button.primary").await;
    let said = visible_text(&client).await;
    assert!(said.contains("không có cột “Mã PAKN”"), "{said}");
    assert!(said.contains("Đã tải lên 1 tệp"), "{said}");
    look(&client, "1-du-lieu", &shown_root).await;
    let advice = if advice.is_displayed().await.unwrap_or(false) {
        advice
    } else {
        wait_for(&client, "tr.bad a.button.primary").await
    };
    advice.click().await.expect("open the mapping form");

    // 2. Map it with the form's Vietnamese choices.
    wait_for(&client, "form#mapping").await;
    for (field, header) in [
        ("col:category", ""),
        ("col:field", "type"),
        ("col:id", "case_enquiry_id"),
        ("col:received_at", "open_dt"),
        ("col:agency", "department"),
        ("col:channel", "source"),
    ] {
        choose(&client, field, header).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    choose(&client, "col:status", "case_status").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    // The dates, picked from the file's examples.
    choose_by_text(&client, "date_formats", "ví dụ").await;
    for (source, label) in [
        ("Constituent Call", "Đường dây nóng"),
        ("Citizens Connect App", "Ứng dụng"),
        ("City Worker App", "Ứng dụng"),
        ("Employee Generated", "Khác"),
    ] {
        choose_by_text(&client, &format!("val:channel:{source}"), label).await;
    }
    choose_by_text(&client, "val:status:Open", "Đang xử lý").await;
    // "Closed" is among the values the form shows when the first rows hold it.
    if client
        .find(Locator::Css("select[name=\"val:status:Closed\"]"))
        .await
        .is_ok()
    {
        choose_by_text(&client, "val:status:Closed", "Đã xử lý").await;
    }
    let as_is = wait_for(&client, "input[name=agencies_as_is]").await;
    if as_is.prop("checked").await.ok().flatten().as_deref() != Some("true") {
        as_is.click().await.expect("agencies as named");
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    look(&client, "2-anh-xa-cot", &shown_root).await;

    // 3. Saved under a Vietnamese name, reopened and changed.
    let name = wait_for(&client, "input[name=name]").await;
    name.clear().await.expect("clear");
    name.send_keys("Tổng đài 311 Boston").await.expect("name");
    wait_for(&client, "form#mapping button.primary")
        .await
        .click()
        .await
        .expect("save");
    wait_for(&client, "table.files").await;
    let said = visible_text(&client).await;
    assert!(
        said.contains("Đã lưu hồ sơ ánh xạ “Tổng đài 311 Boston”"),
        "{said}"
    );
    client
        .goto(&format!("{base}/mapping"))
        .await
        .expect("mapping page");
    wait_for(&client, "h1").await;
    look(&client, "3-ho-so-anh-xa", &shown_root).await;
    client
        .find(Locator::XPath("//a[starts-with(text(), 'boston311')]"))
        .await
        .expect("the export's link")
        .click()
        .await
        .expect("reopen");
    wait_for(&client, "form#mapping").await;
    let said = visible_text(&client).await;
    assert!(
        said.contains("Đang sửa hồ sơ đã lưu: Tổng đài 311 Boston"),
        "{said}"
    );
    if client
        .find(Locator::Css("select[name=\"val:channel:Self Service\"]"))
        .await
        .is_ok()
    {
        choose_by_text(&client, "val:channel:Self Service", "Trang thông tin").await;
    }
    choose(&client, "col:resolved_at", "closed_dt").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    wait_for(&client, "form#mapping button.primary")
        .await
        .click()
        .await
        .expect("save again");
    wait_for(&client, "table.files").await;

    let saved = std::fs::read_to_string(workspace.join("profiles/tong-dai-311-boston.toml"))
        .expect("the profile, kept under a safe name");
    assert!(
        saved.starts_with("# sipas profile: Tổng đài 311 Boston\n"),
        "{saved}"
    );
    assert!(saved.contains("\"resolved_at\" = \"closed_dt\""), "{saved}");

    // 4. Check, then run the quarter typed the Vietnamese way.
    client.goto(&format!("{base}/check")).await.expect("check");
    wait_for(&client, "h1").await;
    look(&client, "4-kiem-tra", &shown_root).await;
    client
        .goto(&format!("{base}/report"))
        .await
        .expect("report");
    let period = wait_for(&client, "input[name=period]").await;
    // The whole export runs from January to May 2025; its excerpt, January only.
    let (typed, named) = if boston().ends_with("boston311_2025_SaferTrail.csv") {
        ("Q2/2025", "Quý II năm 2025")
    } else {
        ("Quý I/2025", "Quý I năm 2025")
    };
    period.send_keys(typed).await.expect("period");
    look(&client, "5-bao-cao", &shown_root).await;
    wait_for(&client, "#run-form button[type=submit]")
        .await
        .click()
        .await
        .expect("run");

    // 5. The dashboard, then Tiến độ.
    wait_for(&client, "table#agencies").await;
    let said = visible_text(&client).await;
    assert!(said.contains(named), "{said}");
    look(&client, "6-bang-dieu-khien", &shown_root).await;
    client
        .goto(&format!("{base}/progress"))
        .await
        .expect("progress");
    wait_for(&client, "h1").await;
    look(&client, "7-tien-do", &shown_root).await;
    client.goto(&format!("{base}/plan")).await.expect("plan");
    wait_for(&client, "h1").await;
    look(&client, "8-ke-hoach-khao-sat", &shown_root).await;

    client.close().await.expect("close the browser");
    let _ = stop.send(());
    server.join().expect("the server stops");
}
