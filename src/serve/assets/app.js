// sipas serve: uploads with progress, the live preview of the mapping form,
// sorting and searching the dashboard's tables. Every page works without it.
"use strict";

function ready(fn) {
  if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
}

function uploadFiles(form, files) {
  const bar = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  const data = new FormData();
  const kind = form.querySelector("select[name=kind]").value;
  if (kind) data.append("kind", kind);
  for (const f of files) data.append("file", f, f.name);
  const xhr = new XMLHttpRequest();
  let polling = null;
  bar.hidden = false;
  bar.value = 0;
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) {
      bar.value = Math.round((100 * e.loaded) / e.total);
      status.textContent = (e.loaded / 1048576).toFixed(1) + " / " + (e.total / 1048576).toFixed(1) + " MB";
    }
  };
  xhr.upload.onload = () => {
    bar.removeAttribute("value");
    polling = setInterval(async () => {
      try {
        const r = await fetch("/api/activity");
        const a = await r.json();
        const stage = (document.documentElement.lang === "vi" ? a.stage_vi : a.stage) || "";
        status.textContent = form.dataset.checking + "… " + stage + " · " + a.rows.toLocaleString(document.documentElement.lang) + " " + form.dataset.rows;
      } catch (e) { /* the next poll tries again */ }
    }, 500);
  };
  xhr.onloadend = () => {
    clearInterval(polling);
    if (xhr.status >= 200 && xhr.status < 300) {
      window.location.assign("/inputs?uploaded=" + files.length);
      return;
    }
    bar.hidden = true;
    let message = xhr.statusText || "upload failed";
    try {
      const reply = JSON.parse(xhr.responseText);
      message = (document.documentElement.lang === "vi" && reply.error_vi) || reply.error || message;
    } catch (e) { /* not JSON */ }
    status.textContent = message;
    status.className = "error";
  };
  xhr.open("POST", "/api/files");
  xhr.send(data);
}

function setUpUpload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const input = document.getElementById("file-input");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.files.length) uploadFiles(form, input.files);
  });
  form.addEventListener("dragover", (e) => { e.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", () => form.classList.remove("over"));
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    form.classList.remove("over");
    if (e.dataTransfer.files.length) uploadFiles(form, e.dataTransfer.files);
  });
}

function setUpMapping() {
  const form = document.getElementById("mapping");
  if (!form) return;
  const target = document.getElementById("preview");
  let timer = null;
  form.addEventListener("change", (e) => {
    const name = e.target.name || "";
    const query = new URLSearchParams(new FormData(form)).toString();
    // A new column or kind changes the form itself: draw it again.
    if (name.startsWith("col:") || name === "section") {
      window.location.href = form.getAttribute("action") + "?" + query;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const r = await fetch(form.dataset.preview + "?" + query);
      if (r.ok) target.innerHTML = await r.text();
    }, 300);
  });
}

function cellValue(cell) {
  const text = cell.textContent.trim();
  const number = text.replace(/\s/g, "").replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", ".");
  const n = parseFloat(number);
  return isNaN(n) || !/^[+-]?[\d.,]+$/.test(text.replace(/\s/g, "")) ? text.toLowerCase() : n;
}

function setUpTables() {
  for (const table of document.querySelectorAll("table.sortable")) {
    table.querySelectorAll("thead th").forEach((th, column) => {
      th.classList.add("sorts");
      th.addEventListener("click", () => {
        const down = th.dataset.order !== "desc";
        th.dataset.order = down ? "desc" : "asc";
        for (const body of table.tBodies) {
          const rows = Array.from(body.rows).filter((r) => !r.classList.contains("group"));
          rows.sort((a, b) => {
            const x = cellValue(a.cells[column]);
            const y = cellValue(b.cells[column]);
            const order = x < y ? -1 : x > y ? 1 : 0;
            return down ? -order : order;
          });
          for (const r of rows) body.appendChild(r);
        }
      });
    });
  }
  for (const box of document.querySelectorAll("input.table-search")) {
    const table = document.getElementById(box.dataset.table);
    box.addEventListener("input", () => {
      const q = box.value.trim().toLowerCase();
      for (const r of table.querySelectorAll("tbody tr:not(.group)")) {
        r.hidden = q !== "" && !r.textContent.toLowerCase().includes(q);
      }
    });
  }
}

ready(() => { setUpUpload(); setUpMapping(); setUpTables(); setUpConfirmations(); });

// A form that deletes asks first.
function setUpConfirmations() {
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (e) => {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  }
}
