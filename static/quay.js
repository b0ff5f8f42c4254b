// The counter (/quay): the appointment and fee shown while the received time is typed, before anything
// is stored (asked of /quay/xem-truoc, which computes them as issuing does), and Alt+P to print.
(function () {
  "use strict";

  function text(id, value) {
    var node = document.getElementById(id);
    if (node) { node.textContent = value; }
  }

  function render(box, answer) {
    if (answer.error) {
      box.textContent = "Chưa tính được ngày hẹn: " + answer.error.message;
      return;
    }
    box.textContent = "";
    var first = document.createElement("p");
    var due = document.createElement("b");
    due.id = "preview-due";
    due.textContent = answer.due_text;
    var long = document.createElement("span");
    long.className = "muted";
    long.textContent = " (" + answer.due_long + ")";
    first.append(answer.typed ? "Hẹn trả kết quả: " : "Hẹn trả kết quả nếu nhận ngay bây giờ: ", due, long);
    var second = document.createElement("p");
    var fee = document.createElement("b");
    fee.id = "preview-fee";
    fee.textContent = answer.fee_text;
    second.append("Lệ phí: ", fee);
    box.append(first, second);
  }

  function watch(box) {
    var form = box.closest("form");
    var field = form && form.querySelector("[name=received_at]");
    if (!field) { return; }
    var timer = null;
    var asked = 0;
    function refresh() {
      var params = new URLSearchParams();
      params.set("procedure_code", form.querySelector("[name=procedure_code]").value);
      params.set("received_at", field.value);
      var agency = form.querySelector("[name=agency_code]");
      if (agency) { params.set("agency_code", agency.value); }
      var mine = ++asked;
      fetch(box.dataset.url + "?" + params.toString(), {headers: {Accept: "application/json"}, credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (answer) { if (mine === asked) { render(box, answer); } })
        .catch(function () { if (mine === asked) { box.textContent = "Chưa tính được ngày hẹn (mất kết nối)."; } });
    }
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  }

  function shortcuts(event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== "KeyP") { return; }
    var print = document.querySelector("[data-shortcut=print]");
    if (print) {
      event.preventDefault();
      print.click();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("preview");
    if (box) { watch(box); }
  });
  document.addEventListener("keydown", shortcuts);
})();
