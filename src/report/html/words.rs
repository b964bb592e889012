//! The words of the HTML pages, in Vietnamese (the default) and English:
//! the pages of `sipas serve` and the public page of a report.

/// Every label of the pages.
#[derive(Debug)]
pub struct Words {
    /// `vi` or `en`.
    pub code: &'static str,
    /// The other language's code and name, for the switch.
    pub other_code: &'static str,
    /// The other language's name.
    pub other_name: &'static str,
    /// Product line under the title.
    pub tagline: &'static str,
    /// Menu: inputs.
    pub nav_inputs: &'static str,
    /// Menu: mapping.
    pub nav_mapping: &'static str,
    /// Menu: check.
    pub nav_check: &'static str,
    /// Menu: report.
    pub nav_report: &'static str,
    /// Menu: progress.
    pub nav_progress: &'static str,
    /// Upload box title.
    pub upload_title: &'static str,
    /// Upload box help.
    pub upload_help: &'static str,
    /// Upload button.
    pub upload_button: &'static str,
    /// Kind chooser: detect.
    pub kind_auto: &'static str,
    /// Kind: feedback.
    pub kind_feedback: &'static str,
    /// Kind: survey.
    pub kind_survey: &'static str,
    /// Kind: registry.
    pub kind_agencies: &'static str,
    /// Column: file.
    pub col_file: &'static str,
    /// Column: kind.
    pub col_kind: &'static str,
    /// Column: sheet and header row.
    pub col_header: &'static str,
    /// Column: rows read = accepted + rejected.
    pub col_rows: &'static str,
    /// Column: fields mapped.
    pub col_mapped: &'static str,
    /// Column: columns ignored.
    pub col_ignored: &'static str,
    /// Column: profile.
    pub col_profile: &'static str,
    /// No file yet.
    pub no_files: &'static str,
    /// "files", after a count.
    pub files_word: &'static str,
    /// Link to the mapping form.
    pub map_this: &'static str,
    /// Delete button.
    pub delete: &'static str,
    /// A registry replaced by a later one.
    pub superseded_registry: &'static str,
    /// Agencies in a registry.
    pub agencies_in_registry: &'static str,
    /// Agencies of the registry that ended.
    pub agencies_ended: &'static str,
    /// Agencies of the registry whose work another took over.
    pub agencies_succeeded: &'static str,
    /// The configuration.
    pub config_title: &'static str,
    /// No configuration uploaded.
    pub config_default: &'static str,
    /// Mapping page title.
    pub mapping_title: &'static str,
    /// Mapping page help.
    pub mapping_help: &'static str,
    /// Files to map.
    pub mapping_pick: &'static str,
    /// Canonical field.
    pub col_field: &'static str,
    /// Source column.
    pub col_source: &'static str,
    /// Sample values.
    pub col_samples: &'static str,
    /// Not in the file.
    pub not_in_file: &'static str,
    /// A column chosen for a subject field, a category or an agency taken
    /// as named that looks like personal data or free text.
    pub personal_column: &'static str,
    /// Required.
    pub required: &'static str,
    /// Date formats.
    pub date_formats: &'static str,
    /// Agencies as named.
    pub agencies_as_is: &'static str,
    /// Values section.
    pub values_title: &'static str,
    /// Keep as read.
    pub value_as_read: &'static str,
    /// Defaults section.
    pub defaults_title: &'static str,
    /// Preview section.
    pub preview_title: &'static str,
    /// Preview button.
    pub preview_button: &'static str,
    /// Profile name.
    pub profile_name: &'static str,
    /// Question: the first header row.
    pub header_row_question: &'static str,
    /// Question: how many header rows.
    pub header_rows_question: &'static str,
    /// Question: the text encoding.
    pub encoding_question: &'static str,
    /// Label: the survey's no-answer codes.
    pub missing_question: &'static str,
    /// Why a file is not ticked for a run: it does not read.
    pub unticked_unreadable: &'static str,
    /// Why a file is not ticked for a run: another profile than its kind's others.
    pub unticked_other_profile: &'static str,
    /// Heading: files read, their profiles to open and change.
    pub mapped_files: &'static str,
    /// No file waits for a mapping.
    pub nothing_to_map: &'static str,
    /// Heading: the saved profiles.
    pub saved_profiles: &'static str,
    /// No saved profile.
    pub no_profiles: &'static str,
    /// Label: a profile's new name.
    pub new_name: &'static str,
    /// Button: rename.
    pub rename: &'static str,
    /// Asked before a profile is deleted.
    pub confirm_delete_profile: &'static str,
    /// Asked before a file is deleted.
    pub confirm_delete_file: &'static str,
    /// Button: show the chosen period.
    pub show: &'static str,
    /// Why the table of agencies furthest behind is empty.
    pub behind_empty: &'static str,
    /// Asked before a run is deleted.
    pub confirm_delete_run: &'static str,
    /// The button from a file's mapping error to the mapping form.
    pub map_this_file: &'static str,
    /// Saying which saved profile the form edits.
    pub editing_profile: &'static str,
    /// Save button.
    pub save_profile: &'static str,
    /// Row.
    pub col_row: &'static str,
    /// Finding.
    pub col_finding: &'static str,
    /// Check page title.
    pub check_title: &'static str,
    /// Every file / every reason.
    pub all: &'static str,
    /// Filter button.
    pub filter: &'static str,
    /// Download findings.csv.
    pub download_findings: &'static str,
    /// No findings.
    pub no_findings: &'static str,
    /// Column: sheet.
    pub col_sheet: &'static str,
    /// Column: column.
    pub col_column: &'static str,
    /// Column: value.
    pub col_value: &'static str,
    /// Column: reason.
    pub col_reason: &'static str,
    /// Column: effect.
    pub col_effect: &'static str,
    /// Page.
    pub page: &'static str,
    /// Previous page.
    pub previous: &'static str,
    /// Next page.
    pub next: &'static str,
    /// Report page title.
    pub report_title: &'static str,
    /// Period.
    pub period: &'static str,
    /// Period help.
    pub period_help: &'static str,
    /// As-of date.
    pub as_of: &'static str,
    /// Calendar periods.
    pub calendar_periods: &'static str,
    /// Successive exports.
    pub snapshots: &'static str,
    /// Language of the report.
    pub report_lang: &'static str,
    /// Files of the run.
    pub run_files: &'static str,
    /// Run button.
    pub run_button: &'static str,
    /// Runs list.
    pub runs_title: &'static str,
    /// Run status words.
    pub status_running: &'static str,
    /// Stop a run.
    pub stop_run: &'static str,
    /// Done.
    pub status_done: &'static str,
    /// Failed.
    pub status_failed: &'static str,
    /// No run yet.
    pub no_runs: &'static str,
    /// City indicators.
    pub city_title: &'static str,
    /// Indicator.
    pub col_indicator: &'static str,
    /// Baseline.
    pub col_baseline: &'static str,
    /// Value.
    pub col_value_now: &'static str,
    /// Target range.
    pub col_target: &'static str,
    /// Status.
    pub col_status: &'static str,
    /// Points to go.
    pub col_gap: &'static str,
    /// Agencies table.
    pub agencies_title: &'static str,
    /// Search box.
    pub search: &'static str,
    /// Agency.
    pub col_agency: &'static str,
    /// Received.
    pub col_received: &'static str,
    /// Handled.
    pub col_handled: &'static str,
    /// On-time rate.
    pub col_on_time: &'static str,
    /// Overdue pending.
    pub col_overdue: &'static str,
    /// Element index.
    pub col_element: &'static str,
    /// Answers.
    pub col_answers: &'static str,
    /// Charts.
    pub charts_title: &'static str,
    /// Trend.
    pub trend_title: &'static str,
    /// What citizens raise.
    pub subjects_title: &'static str,
    /// Overdue list.
    pub overdue_title: &'static str,
    /// Downloads.
    pub downloads_title: &'static str,
    /// The whole folder.
    pub download_zip: &'static str,
    /// Progress page title.
    pub progress_title: &'static str,
    /// Agencies behind.
    pub behind_title: &'static str,
    /// Runs by period.
    pub runs_by_period: &'static str,
    /// No finished run.
    pub no_finished_run: &'static str,
    /// Login title.
    pub login_title: &'static str,
    /// Login help.
    pub login_help: &'static str,
    /// Login button.
    pub login_button: &'static str,
    /// Waiting for the check.
    pub checking: &'static str,
    /// Rows read.
    pub rows_read: &'static str,
    /// Level.
    pub col_level: &'static str,
    /// Classification.
    pub col_category: &'static str,
    /// Field.
    pub col_subject: &'static str,
    /// Late.
    pub col_late: &'static str,
    /// Change.
    pub col_change: &'static str,
    /// Small sample.
    pub small_sample: &'static str,
    /// Title of the public page.
    pub public_title: &'static str,
    /// The public page's note on its data.
    pub public_note: &'static str,
    /// "as of".
    pub as_of_short: &'static str,
    /// The criteria chart's description.
    pub criteria_chart: &'static str,
    /// The fields chart's description.
    pub fields_chart: &'static str,
    /// Criterion or index.
    pub col_criterion: &'static str,
}

/// Tiếng Việt.
pub static VI: Words = Words {
    code: "vi",
    other_code: "en",
    other_name: "English",
    tagline: "Chỉ số hài lòng về tiếp nhận, xử lý phản ánh, kiến nghị",
    nav_inputs: "Dữ liệu",
    nav_mapping: "Ánh xạ cột",
    nav_check: "Kiểm tra",
    nav_report: "Báo cáo",
    nav_progress: "Tiến độ",
    upload_title: "Tải tệp lên",
    upload_help: "Kéo thả hoặc chọn tệp .csv, .xlsx, .xls, .ods (PAKN, phiếu khảo sát, danh mục cơ quan), sipas.toml hoặc hồ sơ ánh xạ .toml.",
    upload_button: "Tải lên",
    kind_auto: "Tự nhận biết",
    kind_feedback: "PAKN",
    kind_survey: "Phiếu khảo sát",
    kind_agencies: "Danh mục cơ quan",
    col_file: "Tệp",
    col_kind: "Loại",
    col_header: "Trang tính, dòng tiêu đề",
    col_rows: "Dòng đọc = nhận + loại",
    col_mapped: "Trường đã ánh xạ",
    col_ignored: "Cột bỏ qua",
    col_profile: "Hồ sơ ánh xạ",
    no_files: "Chưa có tệp nào.",
    files_word: "tệp",
    map_this: "Ánh xạ cột",
    delete: "Xóa",
    superseded_registry: "không dùng: có danh mục tải lên sau",
    agencies_in_registry: "cơ quan",
    agencies_ended: "đã kết thúc hoạt động",
    agencies_succeeded: "có cơ quan kế thừa",
    config_title: "Cấu hình",
    config_default: "Chưa tải sipas.toml: dùng cấu hình mặc định (Kế hoạch 181, 15 ngày làm việc).",
    mapping_title: "Ánh xạ cột",
    mapping_help: "Chọn cột của tệp chứa mỗi trường, định dạng ngày và giá trị tương ứng; xem trước 20 dòng đầu như sipas đọc, rồi lưu hồ sơ.",
    mapping_pick: "Tệp cần ánh xạ",
    col_field: "Trường",
    col_source: "Cột trong tệp",
    col_samples: "Giá trị mẫu",
    not_in_file: "— không có —",
    personal_column: "Cột này có vẻ chứa thông tin cá nhân hoặc nội dung tự do (số điện thoại, thư điện tử, họ tên, đoạn văn dài, giá trị hầu như không lặp lại). Hãy kiểm tra lại: trang công khai sẽ không hiển thị những giá trị như vậy.",
    required: "bắt buộc",
    date_formats: "Ngày trong tệp được viết theo kiểu",
    agencies_as_is: "Lấy tên cơ quan như trong tệp (không cần danh mục)",
    values_title: "Giá trị tương ứng",
    value_as_read: "— giữ như đọc —",
    defaults_title: "Giá trị mặc định khi thiếu cột",
    preview_title: "Xem trước",
    preview_button: "Xem trước",
    profile_name: "Tên hồ sơ",
    header_row_question: "Dòng tiêu đề bắt đầu ở dòng số",
    header_rows_question: "Tiêu đề chiếm mấy dòng",
    encoding_question: "Bảng mã chữ của tệp CSV",
    missing_question: "Mã nghĩa là “không trả lời” (cách nhau bằng dấu phẩy)",
    editing_profile: "Đang sửa hồ sơ đã lưu",
    map_this_file: "Mở trang ánh xạ cột cho tệp này",
    mapped_files: "Tệp đã đọc được (mở để xem hoặc sửa cách ánh xạ)",
    nothing_to_map: "Không có tệp nào cần ánh xạ.",
    saved_profiles: "Hồ sơ ánh xạ đã lưu",
    no_profiles: "Chưa có hồ sơ ánh xạ nào.",
    new_name: "Tên mới",
    rename: "Đổi tên",
    confirm_delete_profile: "Xoá hồ sơ ánh xạ này? Các tệp đọc bằng nó sẽ phải ánh xạ lại.",
    confirm_delete_file: "Xoá tệp này khỏi không gian làm việc?",
    confirm_delete_run: "Xoá lượt chạy này và báo cáo của nó?",
    show: "Xem",
    behind_empty: "Không có cơ quan nào dưới mục tiêu trong số các cơ quan đủ dữ liệu để đánh giá (cơ quan chưa đủ số ý kiến khảo sát hoặc số PAKN đã xử lý tối thiểu không được xếp).",
    unticked_unreadable: "không đánh dấu sẵn: tệp chưa đọc được (xem trang Dữ liệu)",
    unticked_other_profile: "không đánh dấu sẵn: tệp đọc bằng hồ sơ ánh xạ khác với phần lớn các tệp cùng loại",
    save_profile: "Lưu hồ sơ và đọc lại tệp",
    col_row: "Dòng",
    col_finding: "Phát hiện",
    check_title: "Kiểm tra dữ liệu",
    all: "Tất cả",
    filter: "Lọc",
    download_findings: "Tải findings.csv",
    no_findings: "Không có phát hiện nào.",
    col_sheet: "Trang tính",
    col_column: "Cột",
    col_value: "Giá trị",
    col_reason: "Lý do",
    col_effect: "Xử lý",
    page: "Trang",
    previous: "Trước",
    next: "Sau",
    report_title: "Lập báo cáo",
    period: "Kỳ báo cáo",
    period_help: "Để trống: quý đầy đủ gần nhất. Ví dụ: Q2/2025, Quý II/2025, 6 tháng đầu năm 2025, năm 2025.",
    as_of: "Tính tồn đọng đến ngày",
    calendar_periods: "Kỳ theo quý dương lịch (không theo Nghị định 09)",
    snapshots: "Các tệp PAKN là các lần xuất kế tiếp (cũ trước)",
    report_lang: "Ngôn ngữ báo cáo",
    run_files: "Tệp dùng cho lần chạy",
    run_button: "Lập báo cáo",
    runs_title: "Các lần chạy",
    status_running: "đang chạy",
    stop_run: "Dừng lần chạy này",
    status_done: "xong",
    status_failed: "lỗi",
    no_runs: "Chưa có lần chạy nào.",
    city_title: "Toàn thành phố so với chỉ tiêu Kế hoạch 181",
    col_indicator: "Chỉ tiêu",
    col_baseline: "Năm 2021",
    col_value_now: "Kết quả",
    col_target: "Chỉ tiêu",
    col_status: "Đánh giá",
    col_gap: "Còn thiếu (điểm)",
    agencies_title: "Theo cơ quan",
    search: "Tìm cơ quan",
    col_agency: "Cơ quan",
    col_received: "Tiếp nhận",
    col_handled: "Đã xử lý",
    col_on_time: "Đúng hạn (%)",
    col_overdue: "Tồn quá hạn",
    col_element: "Chỉ số thành phần",
    col_answers: "Số phiếu",
    charts_title: "Biểu đồ",
    trend_title: "Diễn biến qua các kỳ",
    subjects_title: "Người dân phản ánh về gì",
    overdue_title: "PAKN quá hạn",
    downloads_title: "Tải về",
    download_zip: "Cả thư mục báo cáo (.zip)",
    progress_title: "Tiến độ thực hiện Kế hoạch 181",
    behind_title: "Cơ quan còn cách xa chỉ tiêu nhất",
    runs_by_period: "Các lần chạy theo kỳ",
    no_finished_run: "Chưa có lần chạy nào xong: lập báo cáo trước.",
    login_title: "Đăng nhập",
    login_help: "Nhập mã truy cập do lệnh sipas serve in ra.",
    login_button: "Đăng nhập",
    checking: "Đang kiểm tra",
    rows_read: "dòng đã đọc",
    col_level: "Cấp",
    col_category: "Phân loại",
    col_subject: "Lĩnh vực",
    col_late: "Quá hạn",
    col_change: "Thay đổi",
    small_sample: "chưa đủ mẫu",
    public_title: "Kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng của người dân, tổ chức",
    public_note: "Số liệu tổng hợp theo cơ quan; trang không chứa thông tin của từng phản ánh, kiến nghị hay của người gửi. Chỉ số của cơ quan có ít phiếu hơn cỡ mẫu tối thiểu ghi \"chưa đủ mẫu\".",
    as_of_short: "Số liệu tính đến ngày",
    criteria_chart: "Biểu đồ cột: chỉ số hài lòng của bốn tiêu chí và chỉ số thành phần, so với mục tiêu; số liệu ở bảng bên cạnh.",
    fields_chart: "Biểu đồ cột chồng: các lĩnh vực có nhiều PAKN nhất (nhiều nhất mười), đúng hạn và quá hạn; số liệu ở bảng bên cạnh.",
    col_criterion: "Chỉ số",
};

/// English.
pub static EN: Words = Words {
    code: "en",
    other_code: "vi",
    other_name: "Tiếng Việt",
    tagline: "Satisfaction with how agencies receive and handle citizens' feedback",
    nav_inputs: "Inputs",
    nav_mapping: "Mapping",
    nav_check: "Check",
    nav_report: "Report",
    nav_progress: "Progress",
    upload_title: "Upload files",
    upload_help: "Drop or choose .csv, .xlsx, .xls, .ods files (feedback, survey, agency registry), sipas.toml or a mapping profile .toml.",
    upload_button: "Upload",
    kind_auto: "Detect",
    kind_feedback: "Feedback",
    kind_survey: "Survey",
    kind_agencies: "Agency registry",
    col_file: "File",
    col_kind: "Kind",
    col_header: "Sheet, header row",
    col_rows: "Rows read = accepted + rejected",
    col_mapped: "Fields mapped",
    col_ignored: "Columns ignored",
    col_profile: "Profile",
    no_files: "No file yet.",
    files_word: "files",
    map_this: "Map columns",
    delete: "Delete",
    superseded_registry: "not used: a later registry replaces it",
    agencies_in_registry: "agencies",
    agencies_ended: "ended",
    agencies_succeeded: "with a successor",
    config_title: "Configuration",
    config_default: "No sipas.toml uploaded: the defaults are used (Plan 181, 15 working days).",
    mapping_title: "Column mapping",
    mapping_help: "Choose the file's column for each field, the date formats and what its values mean; preview the first 20 rows as sipas reads them, then save the profile.",
    mapping_pick: "Files to map",
    col_field: "Field",
    col_source: "Column of the file",
    col_samples: "Sample values",
    not_in_file: "— none —",
    personal_column: "This column looks like personal data or free text (phone numbers, e-mail addresses, names, long text, values that hardly repeat). Check the choice: the page for publishing never shows such values.",
    required: "required",
    date_formats: "Dates in the file are written as",
    agencies_as_is: "Take agency names as written (no registry needed)",
    values_title: "What the values mean",
    value_as_read: "— as read —",
    defaults_title: "Defaults for missing columns",
    preview_title: "Preview",
    preview_button: "Preview",
    profile_name: "Profile name",
    header_row_question: "The header row starts on row",
    header_rows_question: "Rows the header takes",
    encoding_question: "Text encoding of the CSV file",
    missing_question: "Codes meaning \"no answer\" (comma-separated)",
    editing_profile: "Editing the saved profile",
    map_this_file: "Map this file's columns",
    mapped_files: "Files read (open to see or change their mapping)",
    nothing_to_map: "No file waits for a mapping.",
    saved_profiles: "Saved mapping profiles",
    no_profiles: "No saved profile yet.",
    new_name: "New name",
    rename: "Rename",
    confirm_delete_profile: "Delete this profile? The files read with it will need mapping again.",
    confirm_delete_file: "Delete this file from the workspace?",
    confirm_delete_run: "Delete this run and its report?",
    show: "Show",
    behind_empty: "No agency with enough data to judge is behind its targets (agencies with too few survey answers or handled PAKN are not ranked).",
    unticked_unreadable: "not ticked: the file does not read yet (see Inputs)",
    unticked_other_profile: "not ticked: it is read with another profile than most files of its kind",
    save_profile: "Save the profile and read the file again",
    col_row: "Row",
    col_finding: "Finding",
    check_title: "Data check",
    all: "All",
    filter: "Filter",
    download_findings: "Download findings.csv",
    no_findings: "No findings.",
    col_sheet: "Sheet",
    col_column: "Column",
    col_value: "Value",
    col_reason: "Reason",
    col_effect: "Effect",
    page: "Page",
    previous: "Previous",
    next: "Next",
    report_title: "Run the report",
    period: "Period",
    period_help: "Blank: the latest complete quarter (e.g. 2025-Q2, 2025-H1, 2025).",
    as_of: "Pending counted as of",
    calendar_periods: "Calendar quarters (not the Decree 09 periods)",
    snapshots: "The feedback files are successive exports (oldest first)",
    report_lang: "Report language",
    run_files: "Files of the run",
    run_button: "Run the report",
    runs_title: "Runs",
    status_running: "running",
    stop_run: "Stop this run",
    status_done: "done",
    status_failed: "failed",
    no_runs: "No run yet.",
    city_title: "The city against the Plan 181 targets",
    col_indicator: "Indicator",
    col_baseline: "2021",
    col_value_now: "Value",
    col_target: "Target",
    col_status: "Status",
    col_gap: "Points to go",
    agencies_title: "By agency",
    search: "Find an agency",
    col_agency: "Agency",
    col_received: "Received",
    col_handled: "Handled",
    col_on_time: "On time (%)",
    col_overdue: "Pending overdue",
    col_element: "Element index",
    col_answers: "Answers",
    charts_title: "Charts",
    trend_title: "Trend",
    subjects_title: "What citizens raise",
    overdue_title: "Overdue PAKN",
    downloads_title: "Downloads",
    download_zip: "The whole report folder (.zip)",
    progress_title: "Progress toward Plan 181",
    behind_title: "Agencies furthest behind",
    runs_by_period: "Runs by period",
    no_finished_run: "No finished run yet: run the report first.",
    login_title: "Sign in",
    login_help: "Enter the access token printed by sipas serve.",
    login_button: "Sign in",
    checking: "Checking",
    rows_read: "rows read",
    col_level: "Level",
    col_category: "Classification",
    col_subject: "Field",
    col_late: "Late",
    col_change: "Change",
    small_sample: "sample too small",
    public_title: "Results of receiving and handling citizens' feedback, and citizens' satisfaction",
    public_note: "Totals by agency; the page holds nothing about any single piece of feedback or who sent it. An agency with fewer answers than the minimum sample shows \"sample too small\".",
    as_of_short: "Figures as of",
    criteria_chart: "Bar chart: the satisfaction index of the four criteria and the element index, against their targets; the figures are in the table beside it.",
    fields_chart: "Stacked bar chart: the fields with most PAKN (ten at most), on time and late; the figures are in the table beside it.",
    col_criterion: "Index",
};
